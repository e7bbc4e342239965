# cell: pool_output_size
# mistake: rounds up (keeps a partial window at the edge) instead of dropping windows that do not fit
def pool_output_size(n, f, stride):
    """Return how many pooling windows of size f at `stride` fit in n positions."""
    return -(-(n - f) // stride) + 1
