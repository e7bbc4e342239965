# cell: relu
# mistake: np.maximum(x, 0) keeps an integer x's dtype instead of returning floats
def relu(x):
    """Return max(0, x) element-wise, as a new float array."""
    return np.maximum(x, 0)
