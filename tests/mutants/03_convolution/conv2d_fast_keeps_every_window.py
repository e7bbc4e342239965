# cell: conv2d_fast
# mistake: forgets to keep only every stride-th window ([:, ::stride, ::stride])
def conv2d_fast(x, w, b=None, stride=1, pad=0):
    """Vectorised conv2d: the same contract, no Python loop over output positions."""
    kh, kw = w.shape[2:]
    conv_output_size(x.shape[1], kh, stride, pad)
    conv_output_size(x.shape[2], kw, stride, pad)
    windows = sliding_window_view(pad2d(x, pad), (kh, kw), axis=(1, 2))
    out = np.einsum("chwij,ocij->ohw", windows, w)
    if b is not None:
        out = out + np.asarray(b).reshape(-1, 1, 1)
    return out
