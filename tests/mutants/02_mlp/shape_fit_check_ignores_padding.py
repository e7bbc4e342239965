# cell: conv_output_shape
# mistake: compares the filter with the unpadded input, so a filter that fits thanks to padding is refused
def conv_output_shape(h, w, f, stride=1, pad=0):
    """Return (h_out, w_out)."""
    fh, fw = (f, f) if np.ndim(f) == 0 else f
    if fh > h or fw > w:
        raise ValueError("the filter does not fit")
    return (h - fh + 2 * pad) // stride + 1, (w - fw + 2 * pad) // stride + 1
