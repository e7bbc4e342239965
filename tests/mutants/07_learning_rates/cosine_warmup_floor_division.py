# cell: cosine_warmup
# mistake: floor division in the warm-up, which rounds an integer lr_max down
def cosine_warmup(lr_max, step, total, warmup=0):
    """Return the learning rate of step `step` of `total`: linear warm-up, then cosine decay."""
    if not 0 <= step < total or not 0 <= warmup < total:
        raise ValueError("out of range")
    if step < warmup:
        return lr_max * (step + 1) // warmup
    return 0.5 * lr_max * (1 + math.cos(math.pi * (step - warmup) / (total - warmup)))
