# cell: gd_step
# mistake: copies w and updates the copy in place, which keeps (and breaks on) an integer dtype
def gd_step(w, grad, lr):
    """Return w - lr * grad, one gradient-descent step, as a new array."""
    new_w = w.copy()
    new_w -= lr * grad
    return new_w
