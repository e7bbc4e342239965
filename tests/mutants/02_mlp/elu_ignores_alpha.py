# cell: elu
# mistake: ignores the alpha argument (always alpha = 1)
def elu(x, alpha=1.0):
    """Return x where x > 0 and alpha * (e^x - 1) elsewhere, element-wise, without overflow."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, np.expm1(np.minimum(x, 0.0)))
