# cell: conv_output_shape
# mistake: ignores the padding
def conv_output_shape(h, w, k, stride=1, pad=0):
    """Return (h_out, w_out)."""
    kh, kw = (k, k) if np.ndim(k) == 0 else k
    return (h - kh) // stride + 1, (w - kw) // stride + 1
