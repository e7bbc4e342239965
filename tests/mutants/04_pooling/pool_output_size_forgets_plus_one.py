# cell: pool_output_size
# mistake: forgets the + 1 (counts the steps between windows, not the windows)
def pool_output_size(n, f, stride):
    """Return how many pooling windows of size f at `stride` fit in n positions."""
    return (n - f) // stride
