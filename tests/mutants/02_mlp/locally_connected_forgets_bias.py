# cell: locally_connected_params
# mistake: never counts the biases
def locally_connected_params(h_in, w_in, c_in, n_filters, f, stride=1, pad=0, bias=True):
    """Return the number of parameters of a locally connected layer."""
    fh, fw = (f, f) if np.ndim(f) == 0 else f
    h_out, w_out = conv_output_shape(h_in, w_in, f, stride=stride, pad=pad)
    return h_out * w_out * n_filters * c_in * fh * fw
