# cell: mlp_params
# mistake: counts with np.prod over float sizes, so the total comes back as a float
def mlp_params(layer_sizes, bias=True):
    """Return the number of parameters of the dense stack layer_sizes[0] -> ... -> layer_sizes[-1]."""
    sizes = np.asarray(layer_sizes, dtype=float)
    return np.sum(sizes[:-1] * sizes[1:] + (sizes[1:] if bias else 0))
