# cell: cosine_warmup
# mistake: checks warmup but lets steps at or past the end of the run through
def cosine_warmup(lr_max, step, total, warmup=0):
    """Return the learning rate of step `step` of `total`: linear warm-up, then cosine decay."""
    if step < 0 or not 0 <= warmup < total:
        raise ValueError("out of range")
    if step < warmup:
        return lr_max * (step + 1) / warmup
    return 0.5 * lr_max * (1 + math.cos(math.pi * (step - warmup) / (total - warmup)))
