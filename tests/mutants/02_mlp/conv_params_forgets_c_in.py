# cell: conv_params
# mistake: counts k*k weights per filter, forgetting that a filter spans all input channels
def conv_params(c_in, c_out, k, bias=True):
    """Return the number of parameters of a conv layer."""
    kh, kw = (k, k) if np.ndim(k) == 0 else k
    return c_out * kh * kw + (c_out if bias else 0)
