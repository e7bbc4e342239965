# cell: dropout_backward
# mistake: converts the mask to float64, so a float32 gradient comes back as float64
def dropout_backward(dout, mask, p):
    """Return the gradient with respect to dropout's input."""
    if not 0 <= p < 1:
        raise ValueError(f"p must be in [0, 1), got {p}")
    return dout * mask.astype(np.float64) / (1 - p)
