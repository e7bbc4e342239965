# cell: dropout_backward
# mistake: masks the gradient but forgets the 1/(1 - p) scale of the forward pass
def dropout_backward(dout, mask, p):
    """Return the gradient with respect to dropout's input."""
    return dout * mask
