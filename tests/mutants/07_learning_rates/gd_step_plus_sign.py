# cell: gd_step
# mistake: steps along the gradient (uphill) instead of against it
def gd_step(w, grad, lr):
    """Return w - lr * grad, one gradient-descent step, as a new array."""
    return w + lr * grad
