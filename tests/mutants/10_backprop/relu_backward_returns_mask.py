# cell: relu_backward
# mistake: returns the local gradient (the 0/1 mask) without multiplying by the upstream dout
def relu_backward(dout, cache):
    """Backward pass of relu_forward: dout where the cached x > 0, else 0."""
    return (np.asarray(cache) > 0).astype(float)
