# cell: leaky_relu
# mistake: multiplies the positive side by the slope instead of the negative side
def leaky_relu(x, slope=0.1):
    """Return x where x > 0 and slope * x elsewhere, element-wise (0 <= slope < 1)."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, slope * x, x)
