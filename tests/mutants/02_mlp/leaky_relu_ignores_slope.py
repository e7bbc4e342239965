# cell: leaky_relu
# mistake: hard-codes the slope 0.1 instead of using the argument
def leaky_relu(x, slope=0.1):
    """Return x where x > 0 and slope * x elsewhere, element-wise (0 <= slope < 1)."""
    x = np.asarray(x, dtype=float)
    return np.maximum(0.1 * x, x)
