# cell: momentum_step
# mistake: accepts mu = 1 (the range is [0, 1), 1 excluded)
def momentum_step(w, v, grad, lr, mu):
    """Return (new_w, new_v) of one momentum step."""
    if not 0 <= mu <= 1:
        raise ValueError(f"mu must be in [0, 1], got {mu}")
    new_v = mu * v - lr * grad
    return w + new_v, new_v
