# cell: pool_output_size
# mistake: rounds down with np.floor, which returns a float such as 3.0
def pool_output_size(n, f, stride):
    """Return how many windows of size f at `stride` fit in n positions."""
    return np.floor((n - f) / stride) + 1
