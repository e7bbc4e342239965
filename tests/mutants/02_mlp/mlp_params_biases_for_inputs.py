# cell: mlp_params
# mistake: gives every layer a bias per unit, the input units included
def mlp_params(layer_sizes, bias=True):
    """Return the number of parameters of the dense stack."""
    weights = sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
    return weights + (sum(layer_sizes) if bias else 0)
