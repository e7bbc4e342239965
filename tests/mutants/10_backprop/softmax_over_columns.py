# cell: softmax
# mistake: normalises each column (axis 0) instead of each row
def softmax(z):
    """Return the softmax of each row of z (shape (N, C), or (C,) for one row), without overflow."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
