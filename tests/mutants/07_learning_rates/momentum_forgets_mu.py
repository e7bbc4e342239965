# cell: momentum_step
# mistake: forgets mu * v, so the old velocity is dropped (plain gradient descent)
def momentum_step(w, v, grad, lr, mu):
    """Return (new_w, new_v) of one momentum step."""
    new_v = -lr * grad
    return w + new_v, new_v
