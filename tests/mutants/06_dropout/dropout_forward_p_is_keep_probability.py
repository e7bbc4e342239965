# cell: dropout_forward
# mistake: treats p as the probability of keeping a unit (keeps with p, scales by 1/p)
def dropout_forward(x, p, train=True, rng=None):
    """Apply dropout with drop probability p to the activations x."""
    if not 0 <= p < 1:
        raise ValueError(f"p must be in [0, 1), got {p}")
    if not train:
        return x, None
    rng = np.random.default_rng() if rng is None else rng
    mask = rng.random(np.shape(x)) < p
    return x * mask / p, mask
