# cell: mlp_forward
# mistake: never adds the biases
def mlp_forward(x, weights, biases, activation):
    """Return the output of the dense stack."""
    h = x
    for layer, W in enumerate(weights):
        h = h @ W
        if layer < len(weights) - 1:
            h = activation(h)
    return h
