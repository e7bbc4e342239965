# cell: dropout_backward
# mistake: scales the whole gradient, also sending it to the dropped units
def dropout_backward(dout, mask, p):
    """Return the gradient with respect to dropout's input."""
    return dout / (1 - p)
