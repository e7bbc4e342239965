# cell: relu
# mistake: zeroes the negative entries of the input array in place and returns it
def relu(x):
    """Return max(0, x) element-wise, as a new float array."""
    x[x < 0] = 0
    return x
