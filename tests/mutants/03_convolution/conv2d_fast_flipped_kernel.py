# cell: conv2d_fast
# mistake: flips the kernels (true convolution instead of the CNN's cross-correlation)
def conv2d_fast(x, w, b=None, stride=1, pad=0):
    """Vectorised conv2d: the same contract, no Python loop over output positions."""
    kh, kw = w.shape[2:]
    conv_output_size(x.shape[1], kh, stride, pad)
    conv_output_size(x.shape[2], kw, stride, pad)
    windows = sliding_window_view(pad2d(x, pad), (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.einsum("chwij,ocij->ohw", windows, w[:, :, ::-1, ::-1])
    if b is not None:
        out = out + np.asarray(b).reshape(-1, 1, 1)
    return out
