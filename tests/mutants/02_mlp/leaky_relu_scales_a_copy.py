# cell: leaky_relu
# mistake: scales the negative entries of a copy of x, which rounds them when x holds integers
def leaky_relu(x, slope=0.1):
    """Return x where x > 0 and slope * x elsewhere, element-wise (0 <= slope < 1)."""
    out = np.array(x, copy=True)
    out[out < 0] = slope * out[out < 0]
    return out
