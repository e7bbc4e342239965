# cell: momentum_step
# mistake: returns torch's buffer b = mu * b + grad as the velocity (a different convention for v)
def momentum_step(w, v, grad, lr, mu):
    """Return (new_w, new_v) of one momentum step."""
    buffer = mu * v + grad
    return w - lr * buffer, buffer
