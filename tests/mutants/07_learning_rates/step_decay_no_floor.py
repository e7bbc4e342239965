# cell: step_decay
# mistake: no floor, so the rate decays smoothly instead of in steps
def step_decay(lr0, epoch, drop=0.5, every=10):
    """Return lr0 * drop ** floor(epoch / every)."""
    return lr0 * drop ** (epoch / every)
