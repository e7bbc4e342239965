# cell: conv_output_shape
# mistake: forgets the + 1 of the output-size formula
def conv_output_shape(h, w, k, stride=1, pad=0):
    """Return (h_out, w_out)."""
    kh, kw = (k, k) if np.ndim(k) == 0 else k
    return (h - kh + 2 * pad) // stride, (w - kw + 2 * pad) // stride
