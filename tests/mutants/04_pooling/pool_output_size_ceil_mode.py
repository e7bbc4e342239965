# cell: pool_output_size
# mistake: rounds up (keeps a partial window at the edge) instead of dropping windows that do not fit
def pool_output_size(n, size, stride):
    """Return how many pooling windows of `size` at `stride` fit in n positions."""
    return -(-(n - size) // stride) + 1
