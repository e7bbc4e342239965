# cell: dense_params
# mistake: counts one bias per input instead of one per output unit
def dense_params(n_in, n_out, bias=True):
    """Return the number of parameters of a dense layer from n_in to n_out units."""
    return n_in * n_out + (n_in if bias else 0)
