# cell: dense_params
# mistake: counts only the weight matrix, even when the layer has biases
def dense_params(n_in, n_out, bias=True):
    """Return the number of parameters of a dense layer from n_in to n_out units."""
    return n_in * n_out
