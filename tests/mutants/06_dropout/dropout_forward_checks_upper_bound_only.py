# cell: dropout_forward
# mistake: refuses p >= 1 but lets a negative p through
def dropout_forward(x, p, train=True, rng=None):
    """Apply dropout with drop probability p to the activations x."""
    if p >= 1:
        raise ValueError(f"p must be below 1, got {p}")
    if not train:
        return x, None
    rng = np.random.default_rng() if rng is None else rng
    mask = rng.random(np.shape(x)) >= p
    return x * mask / (1 - p), mask
