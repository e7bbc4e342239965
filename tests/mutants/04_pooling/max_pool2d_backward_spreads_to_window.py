# cell: max_pool2d_backward
# mistake: gives the upstream gradient to every element of the window, not only to its maximum
def max_pool2d_backward(dout, x, size=2, stride=2):
    """Route each upstream gradient to the arg-max of its pooling window."""
    x, dout = np.asarray(x, dtype=float), np.asarray(dout, dtype=float)
    dx = np.zeros_like(x)
    for i in range(dout.shape[-2]):
        for j in range(dout.shape[-1]):
            rows, cols = slice(i * stride, i * stride + size), slice(j * stride, j * stride + size)
            dx[..., rows, cols] += dout[..., i, j, None, None]
    return dx
