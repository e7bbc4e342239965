# cell: cosine_warmup
# mistake: the warm-up uses step / warmup, so step 0 trains at rate 0 and the peak comes one step late
def cosine_warmup(lr_max, step, total, warmup=0):
    """Return the learning rate of step `step` of `total`: linear warm-up, then cosine decay."""
    if not 0 <= step < total or not 0 <= warmup < total:
        raise ValueError("out of range")
    if step < warmup:
        return lr_max * step / warmup
    return 0.5 * lr_max * (1 + math.cos(math.pi * (step - warmup) / (total - warmup)))
