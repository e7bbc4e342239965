# cell: locally_connected_params
# mistake: counts one neuron per input pixel instead of per output position
def locally_connected_params(h_in, w_in, c_in, n_filters, f, stride=1, pad=0, bias=True):
    """Return the number of parameters of a locally connected layer."""
    fh, fw = (f, f) if np.ndim(f) == 0 else f
    return h_in * w_in * n_filters * (c_in * fh * fw + (1 if bias else 0))
