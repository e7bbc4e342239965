# cell: locally_connected_params
# mistake: counts one filter per output channel, i.e. the shared convolution
def locally_connected_params(h_in, w_in, c_in, n_filters, k, stride=1, pad=0, bias=True):
    """Return the number of parameters of a locally connected layer."""
    kh, kw = (k, k) if np.ndim(k) == 0 else k
    return n_filters * (c_in * kh * kw + (1 if bias else 0))
