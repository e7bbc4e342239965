# cell: conv_output_shape
# mistake: adds the padding once (P) instead of on both sides (2P)
def conv_output_shape(h, w, f, stride=1, pad=0):
    """Return (h_out, w_out)."""
    fh, fw = (f, f) if np.ndim(f) == 0 else f
    return (h - fh + pad) // stride + 1, (w - fw + pad) // stride + 1
