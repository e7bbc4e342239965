# cell: gd_step
# mistake: updates the caller's array in place
def gd_step(w, grad, lr):
    """Return w - lr * grad, one gradient-descent step, as a new array."""
    w -= lr * grad
    return w
