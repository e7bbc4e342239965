# cell: conv_output_shape
# mistake: ignores the padding
def conv_output_shape(h, w, f, stride=1, pad=0):
    """Return (h_out, w_out)."""
    fh, fw = (f, f) if np.ndim(f) == 0 else f
    return (h - fh) // stride + 1, (w - fw) // stride + 1
