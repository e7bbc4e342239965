# cell: affine_backward
# mistake: sums dout over the classes (axis 1) for db instead of over the batch (axis 0)
def affine_backward(dout, cache):
    """Backward pass of affine_forward: return (dx with x's shape, dw (D, M), db (M,))."""
    x, w, b = cache
    x_rows = np.reshape(x, (len(x), -1))
    return (dout @ w.T).reshape(np.shape(x)), x_rows.T @ dout, dout.sum(axis=1)
