# cell: dropout_forward
# mistake: seeds the default generator, so every call without rng drops the same units
def dropout_forward(x, p, train=True, rng=None):
    """Apply dropout with drop probability p to the activations x."""
    if not 0 <= p < 1:
        raise ValueError(f"p must be in [0, 1), got {p}")
    if not train:
        return x, None
    rng = np.random.default_rng(0) if rng is None else rng
    mask = rng.random(np.shape(x)) >= p
    return x * mask / (1 - p), mask
