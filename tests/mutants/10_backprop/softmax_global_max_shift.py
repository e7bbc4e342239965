# cell: softmax
# mistake: subtracts the maximum of the whole batch, so a row far below it underflows to 0 / 0
def softmax(z):
    """Return the softmax of each row of z (shape (N, C), or (C,) for one row), without overflow."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum(axis=-1, keepdims=True)
