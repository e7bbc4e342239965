# cell: elu
# mistake: puts np.exp(x) inside np.where, which evaluates it (and overflows) for large positive x too
def elu(x, alpha=1.0):
    """Return x where x > 0 and alpha * (e^x - 1) elsewhere, element-wise, without overflow."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, alpha * (np.exp(x) - 1))
