# cell: gd_step
# mistake: forgets to scale the gradient by the learning rate
def gd_step(w, grad, lr):
    """Return w - lr * grad, one gradient-descent step, as a new array."""
    return w - grad
