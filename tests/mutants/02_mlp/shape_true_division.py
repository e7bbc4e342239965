# cell: conv_output_shape
# mistake: divides with / instead of //, returning floats (and fractions when the stride does not fit)
def conv_output_shape(h, w, k, stride=1, pad=0):
    """Return (h_out, w_out)."""
    kh, kw = (k, k) if np.ndim(k) == 0 else k
    return (h - kh + 2 * pad) / stride + 1, (w - kw + 2 * pad) / stride + 1
