# cell: affine_backward
# mistake: returns dx flattened (N, D) instead of in x's shape
def affine_backward(dout, cache):
    """Backward pass of affine_forward: return (dx with x's shape, dw (D, M), db (M,))."""
    x, w, b = cache
    x_rows = np.reshape(x, (len(x), -1))
    return dout @ w.T, x_rows.T @ dout, dout.sum(axis=0)
