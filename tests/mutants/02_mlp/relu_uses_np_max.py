# cell: relu
# mistake: calls the reduction np.max(x, 0) instead of the element-wise np.maximum(x, 0)
def relu(x):
    """Return max(0, x) element-wise, as a new float array."""
    return np.max(np.asarray(x, dtype=float), 0)
