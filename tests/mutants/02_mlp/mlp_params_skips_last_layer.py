# cell: mlp_params
# mistake: an off-by-one loop that drops the last layer
def mlp_params(layer_sizes, bias=True):
    """Return the number of parameters of the dense stack."""
    return sum(dense_params(layer_sizes[i], layer_sizes[i + 1], bias) for i in range(len(layer_sizes) - 2))
