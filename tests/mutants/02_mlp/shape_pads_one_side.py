# cell: conv_output_shape
# mistake: adds the padding once (P) instead of on both sides (2P)
def conv_output_shape(h, w, k, stride=1, pad=0):
    """Return (h_out, w_out)."""
    kh, kw = (k, k) if np.ndim(k) == 0 else k
    return (h - kh + pad) // stride + 1, (w - kw + pad) // stride + 1
