# cell: mlp_forward
# mistake: applies the activation before each layer (to the input) instead of after the hidden layers
def mlp_forward(x, weights, biases, activation):
    """Return the output of the dense stack."""
    h = x
    for W, b in zip(weights, biases):
        h = activation(h) @ W + b
    return h
