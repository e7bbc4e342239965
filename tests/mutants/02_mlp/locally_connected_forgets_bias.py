# cell: locally_connected_params
# mistake: never counts the biases
def locally_connected_params(h_in, w_in, c_in, n_filters, k, stride=1, pad=0, bias=True):
    """Return the number of parameters of a locally connected layer."""
    kh, kw = (k, k) if np.ndim(k) == 0 else k
    h_out, w_out = conv_output_shape(h_in, w_in, k, stride=stride, pad=pad)
    return h_out * w_out * n_filters * c_in * kh * kw
