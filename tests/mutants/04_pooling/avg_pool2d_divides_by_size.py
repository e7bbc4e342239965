# cell: avg_pool2d
# mistake: divides the window sum by size instead of size * size
def avg_pool2d(x, size=2, stride=2):
    """Average-pool each depth slice of x over size×size windows taken every stride pixels."""
    x = np.asarray(x, dtype=float)
    h_out = pool_output_size(x.shape[-2], size, stride)
    w_out = pool_output_size(x.shape[-1], size, stride)
    out = np.empty(x.shape[:-2] + (h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = x[..., i * stride : i * stride + size, j * stride : j * stride + size]
            out[..., i, j] = window.sum(axis=(-2, -1)) / size
    return out
