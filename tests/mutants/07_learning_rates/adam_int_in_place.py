# cell: adam_step
# mistake: updates copies of the arrays in place, which keeps (and breaks on) an integer dtype
def adam_step(w, m, s, grad, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Return (new_w, new_m, new_s) of Adam's step number t."""
    if t < 1 or not (0 <= beta1 < 1 and 0 <= beta2 < 1):
        raise ValueError("bad arguments")
    new_m, new_s, new_w = m.copy(), s.copy(), w.copy()
    new_m *= beta1
    new_m += (1 - beta1) * grad
    new_s *= beta2
    new_s += (1 - beta2) * grad * grad
    new_w -= lr * (new_m / (1 - beta1**t)) / (np.sqrt(new_s / (1 - beta2**t)) + eps)
    return new_w, new_m, new_s
