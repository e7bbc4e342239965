# cell: dropout_forward
# mistake: draws the mask from np.random instead of the rng it was given
def dropout_forward(x, p, train=True, rng=None):
    """Apply dropout with drop probability p to the activations x."""
    if not 0 <= p < 1:
        raise ValueError(f"p must be in [0, 1), got {p}")
    if not train:
        return x, None
    mask = np.random.rand(*np.shape(x)) >= p
    return x * mask / (1 - p), mask
