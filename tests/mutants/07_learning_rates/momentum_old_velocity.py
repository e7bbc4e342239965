# cell: momentum_step
# mistake: moves w with the old velocity, then updates v
def momentum_step(w, v, grad, lr, mu):
    """Return (new_w, new_v) of one momentum step."""
    new_w = w + v
    return new_w, mu * v - lr * grad
