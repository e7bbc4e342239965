# cell: conv_params
# mistake: always counts the biases, ignoring bias=False
def conv_params(c_in, c_out, f, bias=True):
    """Return the number of parameters of a conv layer."""
    fh, fw = (f, f) if np.ndim(f) == 0 else f
    return c_out * c_in * fh * fw + c_out
