# cell: pool_output_size
# mistake: divides the input size by the stride and ignores the window size
def pool_output_size(n, f, stride):
    """Return how many pooling windows of size f at `stride` fit in n positions."""
    return n // stride
