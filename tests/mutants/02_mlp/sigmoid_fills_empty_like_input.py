# cell: sigmoid
# mistake: fills np.empty_like(x), which has x's dtype, so integer input is rounded to 0 or 1
def sigmoid(x):
    """Return the logistic sigmoid 1 / (1 + e^-x) of x, element-wise, without overflow."""
    x = np.asarray(x)
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    z = np.exp(x[~positive])
    out[~positive] = z / (1 + z)
    return out
