# cell: dropout_backward
# mistake: multiplies by 1 - p instead of dividing by it
def dropout_backward(dout, mask, p):
    """Return the gradient with respect to dropout's input."""
    return dout * mask * (1 - p)
