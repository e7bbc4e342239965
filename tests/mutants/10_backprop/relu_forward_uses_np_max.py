# cell: relu_forward
# mistake: np.max(x, 0) reduces along axis 0 instead of comparing with 0 element-wise
def relu_forward(x):
    """ReLU layer: return (max(0, x) as a new float array, cache = x)."""
    return np.max(np.asarray(x, dtype=float), 0), x
