# cell: max_pool2d
# mistake: starts window (i, j) at (i, j) instead of (i * stride, j * stride), so windows overlap wrongly
def max_pool2d(x, size=2, stride=2):
    """Max-pool each depth slice of x over size×size windows taken every stride pixels."""
    x = np.asarray(x)
    h_out = pool_output_size(x.shape[-2], size, stride)
    w_out = pool_output_size(x.shape[-1], size, stride)
    out = np.empty(x.shape[:-2] + (h_out, w_out), dtype=x.dtype)
    for i in range(h_out):
        for j in range(w_out):
            out[..., i, j] = x[..., i : i + size, j : j + size].max(axis=(-2, -1))
    return out
