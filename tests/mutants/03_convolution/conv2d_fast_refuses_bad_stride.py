# cell: conv2d_fast
# mistake: refuses a stride that does not fit instead of rounding down as the rule says
def conv2d_fast(x, w, b=None, stride=1, pad=0):
    """Vectorised conv2d: the same contract, no Python loop over output positions."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    kh, kw = w.shape[2:]
    for n, f in ((x.shape[1], kh), (x.shape[2], kw)):
        if n - f + 2 * pad < 0 or (n - f + 2 * pad) % stride:
            raise ValueError("the kernel or the stride does not fit")
    windows = sliding_window_view(pad2d(x, pad), (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
    out = np.tensordot(w, windows, axes=([1, 2, 3], [0, 3, 4]))
    if b is not None:
        out = out + np.asarray(b).reshape(-1, 1, 1)
    return out
