# cell: max_pool2d
# mistake: the reshape trick for non-overlapping blocks, which ignores the stride (only right when stride == size)
def max_pool2d(x, size=2, stride=2):
    """Max-pool each depth slice of x over size×size windows taken every stride pixels."""
    x = np.asarray(x)
    h, w = x.shape[-2] // size, x.shape[-1] // size
    blocks = x[..., : h * size, : w * size].reshape(x.shape[:-2] + (h, size, w, size))
    return blocks.max(axis=(-3, -1))
