# cell: conv2d_fast
# mistake: not vectorised: it loops over the output positions like conv2d, so it is no faster
def conv2d_fast(x, w, b=None, stride=1, pad=0):
    """Vectorised conv2d: the same contract, no Python loop over output positions."""
    c_out, _, kh, kw = w.shape
    h_out = conv_output_size(x.shape[1], kh, stride, pad)
    w_out = conv_output_size(x.shape[2], kw, stride, pad)
    xp = pad2d(x, pad)
    out = np.zeros((c_out, h_out, w_out))
    for o, i, j in np.ndindex(out.shape):
        out[o, i, j] = np.sum(xp[:, i * stride : i * stride + kh, j * stride : j * stride + kw] * w[o])
    if b is not None:
        out += np.asarray(b).reshape(-1, 1, 1)
    return out
