# cell: dropout_backward
# mistake: zeroes the dropped units of dout itself, changing the caller's gradient
def dropout_backward(dout, mask, p):
    """Return the gradient with respect to dropout's input."""
    if not 0 <= p < 1:
        raise ValueError(f"p must be in [0, 1), got {p}")
    dout[~mask] = 0
    return dout / (1 - p)
