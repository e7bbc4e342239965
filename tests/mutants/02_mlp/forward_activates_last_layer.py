# cell: mlp_forward
# mistake: applies the activation after every layer, the output layer included
def mlp_forward(x, weights, biases, activation):
    """Return the output of the dense stack."""
    h = x
    for W, b in zip(weights, biases):
        h = activation(h @ W + b)
    return h
