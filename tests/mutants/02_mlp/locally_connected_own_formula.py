# cell: locally_connected_params
# mistake: recomputes the output size by hand instead of calling conv_output_shape, so a filter that does not fit gives no ValueError
def locally_connected_params(h_in, w_in, c_in, n_filters, f, stride=1, pad=0, bias=True):
    """Return the number of parameters of a locally connected layer."""
    fh, fw = (f, f) if np.ndim(f) == 0 else f
    h_out = (h_in - fh + 2 * pad) // stride + 1
    w_out = (w_in - fw + 2 * pad) // stride + 1
    return h_out * w_out * n_filters * (c_in * fh * fw + (1 if bias else 0))
