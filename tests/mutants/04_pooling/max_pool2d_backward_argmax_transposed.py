# cell: max_pool2d_backward
# mistake: turns the flat arg-max k back into (k % size, k // size), swapping row and column
def max_pool2d_backward(dout, x, size=2, stride=2):
    """Route each upstream gradient to the arg-max of its pooling window."""
    x, dout = np.asarray(x, dtype=float), np.asarray(dout, dtype=float)
    dx = np.zeros_like(x)
    lead = x.shape[:-2]
    for i in range(dout.shape[-2]):
        for j in range(dout.shape[-1]):
            rows, cols = slice(i * stride, i * stride + size), slice(j * stride, j * stride + size)
            k = x[..., rows, cols].reshape(lead + (size * size,)).argmax(axis=-1)
            for idx in np.ndindex(lead):
                dx[idx + (i * stride + k[idx] % size, j * stride + k[idx] // size)] += dout[idx + (i, j)]
    return dx
