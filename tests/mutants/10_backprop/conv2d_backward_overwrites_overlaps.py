# cell: conv2d_backward
# mistake: assigns (=) instead of adding (+=), so overlapping windows overwrite each other's gradient
def conv2d_backward(dout, x, w, b=None, stride=1, pad=0):
    """Backward pass of conv2d(x, w, b, stride, pad): return (dx (C_in, H, W), dw like w, db (C_out,))."""
    kh, kw = w.shape[2:]
    xp = np.pad(np.asarray(x, dtype=float), ((0, 0), (pad, pad), (pad, pad)))
    dxp, dw = np.zeros(xp.shape), np.zeros(w.shape)
    for i in range(dout.shape[1]):
        for j in range(dout.shape[2]):
            rows, cols = slice(i * stride, i * stride + kh), slice(j * stride, j * stride + kw)
            dw += dout[:, i, j, None, None, None] * xp[None, :, rows, cols]
            dxp[:, rows, cols] = np.tensordot(dout[:, i, j], w, axes=1)
    dx = dxp[:, pad : pad + x.shape[1], pad : pad + x.shape[2]]
    return dx, dw, dout.sum(axis=(1, 2))
