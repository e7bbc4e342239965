# cell: tanh
# mistake: writes the result into np.empty_like(x), which rounds it when x holds integers
def tanh(x):
    """Return the hyperbolic tangent of x, element-wise, without overflow."""
    x = np.asarray(x)
    out = np.empty_like(x)
    e = np.exp(-2 * np.abs(x))
    out[...] = np.sign(x) * (1 - e) / (1 + e)
    return out
