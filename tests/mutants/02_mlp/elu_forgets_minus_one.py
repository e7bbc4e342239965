# cell: elu
# mistake: writes alpha * e^x for x <= 0, forgetting the - 1 (the curve jumps at 0)
def elu(x, alpha=1.0):
    """Return x where x > 0 and alpha * (e^x - 1) elsewhere, element-wise, without overflow."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, alpha * np.exp(np.minimum(x, 0.0)))
