# cell: conv2d_fast
# mistake: multiplies the arrays as given, so integer x and w give an integer result
def conv2d_fast(x, w, b=None, stride=1, pad=0):
    """Vectorised conv2d: the same contract, no Python loop over output positions."""
    kh, kw = w.shape[2:]
    conv_output_size(x.shape[1], kh, stride, pad)
    conv_output_size(x.shape[2], kw, stride, pad)
    windows = sliding_window_view(pad2d(x, pad), (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.tensordot(w, windows, axes=([1, 2, 3], [0, 3, 4]))
    if b is not None:
        out = out + np.asarray(b).reshape(-1, 1, 1)
    return out
