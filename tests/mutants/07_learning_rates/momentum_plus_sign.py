# cell: momentum_step
# mistake: sign error, adds lr * grad to the velocity (climbs uphill)
def momentum_step(w, v, grad, lr, mu):
    """Return (new_w, new_v) of one momentum step."""
    new_v = mu * v + lr * grad
    return w + new_v, new_v
