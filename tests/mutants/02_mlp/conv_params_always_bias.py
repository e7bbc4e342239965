# cell: conv_params
# mistake: always counts the biases, ignoring bias=False
def conv_params(c_in, c_out, k, bias=True):
    """Return the number of parameters of a conv layer."""
    kh, kw = (k, k) if np.ndim(k) == 0 else k
    return c_out * c_in * kh * kw + c_out
