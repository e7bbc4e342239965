# cell: momentum_step
# mistake: updates copies of v and w in place, which keeps an integer dtype (and fails on integer input)
def momentum_step(w, v, grad, lr, mu):
    """Return (new_w, new_v) of one momentum step."""
    if not 0 <= mu < 1:
        raise ValueError(f"mu must be in [0, 1), got {mu}")
    new_v = v.copy()
    new_v *= mu
    new_v -= lr * grad
    new_w = w.copy()
    new_w += new_v
    return new_w, new_v
