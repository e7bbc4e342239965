# cell: avg_pool2d
# mistake: moves the window by its size instead of by the stride
def avg_pool2d(x, size=2, stride=2):
    """Average-pool each depth slice of x over size×size windows taken every stride pixels."""
    x = np.asarray(x, dtype=float)
    h_out = pool_output_size(x.shape[-2], size, stride)
    w_out = pool_output_size(x.shape[-1], size, stride)
    out = np.empty(x.shape[:-2] + (h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = x[..., i * size : i * size + size, j * size : j * size + size]
            out[..., i, j] = window.mean(axis=(-2, -1))
    return out
