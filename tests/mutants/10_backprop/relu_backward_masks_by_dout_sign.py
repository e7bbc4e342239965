# cell: relu_backward
# mistake: keeps dout where dout is positive instead of where the input x was positive
def relu_backward(dout, cache):
    """Backward pass of relu_forward: dout where the cached x > 0, else 0."""
    return np.where(np.asarray(dout) > 0, dout, 0.0)
