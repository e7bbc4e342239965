# cell: conv_output_shape
# mistake: divides with / instead of //, returning floats (and fractions when the stride does not fit)
def conv_output_shape(h, w, f, stride=1, pad=0):
    """Return (h_out, w_out)."""
    fh, fw = (f, f) if np.ndim(f) == 0 else f
    return (h - fh + 2 * pad) / stride + 1, (w - fw + 2 * pad) / stride + 1
