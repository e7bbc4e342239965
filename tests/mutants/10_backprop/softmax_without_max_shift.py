# cell: softmax
# mistake: the textbook formula without subtracting the maximum: e^1000 overflows (inf / inf = NaN)
def softmax(z):
    """Return the softmax of each row of z (shape (N, C), or (C,) for one row), without overflow."""
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)
