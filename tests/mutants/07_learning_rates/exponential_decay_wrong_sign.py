# cell: exponential_decay
# mistake: positive exponent, so the learning rate grows
def exponential_decay(lr0, step, k):
    """Return lr0 * exp(-k * step)."""
    return lr0 * math.exp(k * step)
