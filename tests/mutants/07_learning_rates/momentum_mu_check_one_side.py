# cell: momentum_step
# mistake: refuses mu >= 1 but lets a negative mu through
def momentum_step(w, v, grad, lr, mu):
    """Return (new_w, new_v) of one momentum step."""
    if mu >= 1:
        raise ValueError(f"mu must be below 1, got {mu}")
    new_v = mu * v - lr * grad
    return w + new_v, new_v
