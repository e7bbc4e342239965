# cell: step_decay
# mistake: hard-codes drop = 0.5 and every = 10 instead of using the arguments
def step_decay(lr0, epoch, drop=0.5, every=10):
    """Return lr0 * drop ** floor(epoch / every)."""
    return lr0 * 0.5 ** (epoch // 10)
