# cell: relu_forward
# mistake: zeroes the negatives of the caller's x in place, so the cache (and the caller's x) lose their sign
def relu_forward(x):
    """ReLU layer: return (max(0, x) as a new float array, cache = x)."""
    x[x < 0] = 0
    return x, x
