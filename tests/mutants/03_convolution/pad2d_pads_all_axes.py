# cell: pad2d
# mistake: np.pad(x, pad) pads every axis, the channel and batch axes too
def pad2d(x, pad):
    """Zero-pad the last two axes of x by `pad` on each side."""
    return np.pad(np.asarray(x), pad)
