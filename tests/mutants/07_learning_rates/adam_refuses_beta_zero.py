# cell: adam_step
# mistake: reads "beta in [0, 1)" as an open interval, so beta1 = 0 or beta2 = 0 (no averaging) raises
def adam_step(w, m, s, grad, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Return (new_w, new_m, new_s) of Adam's step number t."""
    if t < 1 or not (0 < beta1 < 1 and 0 < beta2 < 1):
        raise ValueError(f"need t >= 1 and betas in (0, 1), got t={t}, beta1={beta1}, beta2={beta2}")
    new_m = beta1 * m + (1 - beta1) * grad
    new_s = beta2 * s + (1 - beta2) * grad * grad
    m_hat, s_hat = new_m / (1 - beta1**t), new_s / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(s_hat) + eps), new_m, new_s
