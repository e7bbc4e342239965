# cell: conv_output_shape
# mistake: divides after adding the 1, i.e. (N - k + 2P + 1) // S
def conv_output_shape(h, w, f, stride=1, pad=0):
    """Return (h_out, w_out)."""
    fh, fw = (f, f) if np.ndim(f) == 0 else f
    return (h - fh + 2 * pad + 1) // stride, (w - fw + 2 * pad + 1) // stride
