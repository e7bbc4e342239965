# cell: tanh
# mistake: uses (e^x - e^-x) / (e^x + e^-x) directly, which gives inf/inf = NaN for |x| = 1000
def tanh(x):
    """Return the hyperbolic tangent of x, element-wise, without overflow."""
    x = np.asarray(x, dtype=float)
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
