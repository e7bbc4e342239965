# cell: conv_params
# mistake: counts k*k weights per filter, forgetting that a filter spans all input channels
def conv_params(c_in, c_out, f, bias=True):
    """Return the number of parameters of a conv layer."""
    fh, fw = (f, f) if np.ndim(f) == 0 else f
    return c_out * fh * fw + (c_out if bias else 0)
