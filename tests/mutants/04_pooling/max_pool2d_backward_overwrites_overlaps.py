# cell: max_pool2d_backward
# mistake: assigns (=) the window's gradient instead of adding (+=), so overlapping windows overwrite each other
def max_pool2d_backward(dout, x, size=2, stride=2):
    """Route each upstream gradient to the arg-max of its pooling window."""
    x, dout = np.asarray(x, dtype=float), np.asarray(dout, dtype=float)
    dx = np.zeros_like(x)
    lead = x.shape[:-2]
    for i in range(dout.shape[-2]):
        for j in range(dout.shape[-1]):
            rows, cols = slice(i * stride, i * stride + size), slice(j * stride, j * stride + size)
            window = x[..., rows, cols].reshape(lead + (size * size,))
            switch = np.zeros_like(window)
            np.put_along_axis(switch, window.argmax(axis=-1)[..., None], 1.0, axis=-1)
            dx[..., rows, cols] = switch.reshape(lead + (size, size)) * dout[..., i, j, None, None]
    return dx
