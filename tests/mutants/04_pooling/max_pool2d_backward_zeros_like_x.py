# cell: max_pool2d_backward
# mistake: dx = np.zeros_like(x) takes x's dtype, so with an integer x fractional gradients are rounded
def max_pool2d_backward(dout, x, size=2, stride=2):
    """Route each upstream gradient to the arg-max of its pooling window."""
    x = np.asarray(x)
    dx = np.zeros_like(x)
    for i in range(dout.shape[-2]):
        for j in range(dout.shape[-1]):
            rows, cols = slice(i * stride, i * stride + size), slice(j * stride, j * stride + size)
            window = x[..., rows, cols]
            flat = window.reshape(window.shape[:-2] + (size * size,))
            switch = np.zeros(flat.shape)
            np.put_along_axis(switch, flat.argmax(axis=-1)[..., None], 1.0, axis=-1)
            dx[..., rows, cols] += switch.reshape(window.shape) * dout[..., i, j, None, None]
    return dx
