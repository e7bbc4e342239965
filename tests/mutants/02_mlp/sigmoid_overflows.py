# cell: sigmoid
# mistake: uses the textbook formula directly, so e^(-x) overflows (with a warning) for x = -1000
def sigmoid(x):
    """Return the logistic sigmoid 1 / (1 + e^-x) of x, element-wise, without overflow."""
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))
