# cell: conv2d
# mistake: allocates the output with np.zeros_like-style dtype=x.dtype, so integer x rounds the results
def conv2d(x, w, b=None, stride=1, pad=0):
    """Convolve (cross-correlate) a multi-channel image with a bank of filters, with loops."""
    c_out, _, kh, kw = w.shape
    h_out = conv_output_size(x.shape[1], kh, stride, pad)
    w_out = conv_output_size(x.shape[2], kw, stride, pad)
    xp = pad2d(x, pad)
    out = np.zeros((c_out, h_out, w_out), dtype=x.dtype)
    for o in range(c_out):
        for i in range(h_out):
            for j in range(w_out):
                window = xp[:, i * stride : i * stride + kh, j * stride : j * stride + kw]
                out[o, i, j] = np.sum(window * w[o])
    if b is not None:
        out = out + np.asarray(b).reshape(-1, 1, 1)
    return out
