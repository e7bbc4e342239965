# cell: conv2d_fast
# mistake: never calls conv_output_size, so a stride that does not fit is silently rounded down
def conv2d_fast(x, w, b=None, stride=1, pad=0):
    """Vectorised conv2d: the same contract, no Python loop over output positions."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    kh, kw = w.shape[2:]
    windows = sliding_window_view(pad2d(x, pad), (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.tensordot(w, windows, axes=([1, 2, 3], [0, 3, 4]))
    if b is not None:
        out = out + np.asarray(b).reshape(-1, 1, 1)
    return out
