# cell: pad2d
# mistake: adds all the padding after the image (bottom and right) instead of pad on each side
def pad2d(x, pad):
    """Zero-pad the last two axes of x by `pad` on each side."""
    x = np.asarray(x)
    widths = [(0, 0)] * (x.ndim - 2) + [(0, 2 * pad), (0, 2 * pad)]
    return np.pad(x, widths)
