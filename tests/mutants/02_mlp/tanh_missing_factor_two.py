# cell: tanh
# mistake: writes tanh(x) = 2 sigmoid(x) - 1, forgetting the 2 inside (that is tanh(x / 2))
def tanh(x):
    """Return the hyperbolic tangent of x, element-wise, without overflow."""
    return 2 * sigmoid(x) - 1
