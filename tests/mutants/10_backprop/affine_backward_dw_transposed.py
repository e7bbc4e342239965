# cell: affine_backward
# mistake: dw = dout.T @ x, the transpose (M, D) of the right gradient
def affine_backward(dout, cache):
    """Backward pass of affine_forward: return (dx with x's shape, dw (D, M), db (M,))."""
    x, w, b = cache
    x_rows = np.reshape(x, (len(x), -1))
    return (dout @ w.T).reshape(np.shape(x)), dout.T @ x_rows, dout.sum(axis=0)
