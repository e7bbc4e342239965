# cell: dropout_backward
# mistake: never checks p, so p = 1 divides by zero and a negative p passes
def dropout_backward(dout, mask, p):
    """Return the gradient with respect to dropout's input."""
    return dout * mask / (1 - p)
