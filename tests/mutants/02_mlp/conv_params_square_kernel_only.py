# cell: conv_params
# mistake: assumes a square kernel and uses only k[0] when k is a pair
def conv_params(c_in, c_out, f, bias=True):
    """Return the number of parameters of a conv layer."""
    size = f if np.ndim(f) == 0 else f[0]
    return c_out * c_in * size * size + (c_out if bias else 0)
