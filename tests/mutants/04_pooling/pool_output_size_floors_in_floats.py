# cell: pool_output_size
# mistake: rounds down with np.floor, which returns a float such as 3.0
def pool_output_size(n, size, stride):
    """Return how many windows of `size` at `stride` fit in n positions."""
    return np.floor((n - size) / stride) + 1
