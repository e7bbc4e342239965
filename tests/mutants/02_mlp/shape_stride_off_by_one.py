# cell: conv_output_shape
# mistake: divides after adding the 1, i.e. (N - k + 2P + 1) // S
def conv_output_shape(h, w, k, stride=1, pad=0):
    """Return (h_out, w_out)."""
    kh, kw = (k, k) if np.ndim(k) == 0 else k
    return (h - kh + 2 * pad + 1) // stride, (w - kw + 2 * pad + 1) // stride
