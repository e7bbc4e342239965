# cell: pad2d
# mistake: copies x into np.zeros(...), which is float64 whatever x's dtype
def pad2d(x, pad):
    """Zero-pad the last two axes of x by `pad` on each side."""
    x = np.asarray(x)
    h, w = x.shape[-2:]
    out = np.zeros(x.shape[:-2] + (h + 2 * pad, w + 2 * pad))
    out[..., pad : pad + h, pad : pad + w] = x
    return out
