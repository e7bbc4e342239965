# cell: dropout_forward
# mistake: multiplies by a float64 copy of the mask, which turns float32 activations into float64
def dropout_forward(x, p, train=True, rng=None):
    """Apply dropout with drop probability p to the activations x."""
    if not 0 <= p < 1:
        raise ValueError(f"p must be in [0, 1), got {p}")
    if not train:
        return x, None
    rng = np.random.default_rng() if rng is None else rng
    mask = rng.random(np.shape(x)) >= p
    return x * mask.astype(np.float64) / (1 - p), mask
