# cell: mlp_params
# mistake: does not pass the bias flag on, so bias=False still counts biases
def mlp_params(layer_sizes, bias=True):
    """Return the number of parameters of the dense stack."""
    return sum(dense_params(a, b) for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
