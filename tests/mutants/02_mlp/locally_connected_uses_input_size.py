# cell: locally_connected_params
# mistake: counts one neuron per input pixel instead of per output position
def locally_connected_params(h_in, w_in, c_in, n_filters, k, stride=1, pad=0, bias=True):
    """Return the number of parameters of a locally connected layer."""
    kh, kw = (k, k) if np.ndim(k) == 0 else k
    return h_in * w_in * n_filters * (c_in * kh * kw + (1 if bias else 0))
