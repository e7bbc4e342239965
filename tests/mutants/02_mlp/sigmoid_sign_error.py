# cell: sigmoid
# mistake: writes e^(+x) in the denominator, which computes sigmoid(-x)
def sigmoid(x):
    """Return the logistic sigmoid 1 / (1 + e^-x) of x, element-wise, without overflow."""
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, z / (1 + z), 1 / (1 + z))
