# cell: dropout_forward
# mistake: writes the scaled units into np.zeros_like(x), which truncates them for integer x
def dropout_forward(x, p, train=True, rng=None):
    """Apply dropout with drop probability p to the activations x."""
    if not 0 <= p < 1:
        raise ValueError(f"p must be in [0, 1), got {p}")
    if not train:
        return x, None
    rng = np.random.default_rng() if rng is None else rng
    mask = rng.random(np.shape(x)) >= p
    out = np.zeros_like(x)
    out[mask] = x[mask] / (1 - p)
    return out, mask
