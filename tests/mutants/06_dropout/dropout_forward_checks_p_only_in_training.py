# cell: dropout_forward
# mistake: returns early at test time, before checking p, so train=False accepts any p
def dropout_forward(x, p, train=True, rng=None):
    """Apply dropout with drop probability p to the activations x."""
    if not train:
        return x, None
    if not 0 <= p < 1:
        raise ValueError(f"p must be in [0, 1), got {p}")
    rng = np.random.default_rng() if rng is None else rng
    mask = rng.random(np.shape(x)) >= p
    return x * mask / (1 - p), mask
