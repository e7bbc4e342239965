# cell: pool_output_size
# mistake: never checks that the window fits, so a window larger than the input gives 0 windows instead of ValueError
def pool_output_size(n, f, stride):
    """Return how many windows of size f at `stride` fit in n positions."""
    return (n - f) // stride + 1
