# cell: pool_output_size
# mistake: uses >= in the check, so a window exactly as large as the input is refused
def pool_output_size(n, f, stride):
    """Return how many windows of size f at `stride` fit in n positions."""
    if f >= n:
        raise ValueError("the window does not fit")
    return (n - f) // stride + 1
