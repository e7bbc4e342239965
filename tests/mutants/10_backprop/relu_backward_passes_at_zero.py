# cell: relu_backward
# mistake: lets the gradient through where x == 0 (x >= 0 instead of x > 0)
def relu_backward(dout, cache):
    """Backward pass of relu_forward: dout where the cached x > 0, else 0."""
    return np.where(np.asarray(cache) >= 0, dout, 0.0)
