# cell: max_pool2d
# mistake: allocates the output with np.zeros(shape), which is float64 whatever x's dtype
def max_pool2d(x, size=2, stride=2):
    """Max-pool each depth slice of x over size×size windows taken every `stride` pixels."""
    x = np.asarray(x)
    h_out = pool_output_size(x.shape[-2], size, stride)
    w_out = pool_output_size(x.shape[-1], size, stride)
    out = np.zeros(x.shape[:-2] + (h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = x[..., i * stride : i * stride + size, j * stride : j * stride + size]
            out[..., i, j] = window.max(axis=(-2, -1))
    return out
