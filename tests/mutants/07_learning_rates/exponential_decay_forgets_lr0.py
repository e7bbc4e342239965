# cell: exponential_decay
# mistake: forgets to multiply by the initial rate lr0
def exponential_decay(lr0, step, k):
    """Return lr0 * exp(-k * step)."""
    return math.exp(-k * step)
