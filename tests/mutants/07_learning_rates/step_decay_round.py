# cell: step_decay
# mistake: rounds epoch / every to the nearest integer instead of down
def step_decay(lr0, epoch, drop=0.5, every=10):
    """Return lr0 * drop ** floor(epoch / every)."""
    return lr0 * drop ** round(epoch / every)
