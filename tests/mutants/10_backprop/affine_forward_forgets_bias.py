# cell: affine_forward
# mistake: forgets to add the bias
def affine_forward(x, w, b):
    """Dense layer: out = x (flattened to (N, D)) @ w + b, of shape (N, M); cache = (x, w, b)."""
    return np.reshape(x, (len(x), -1)) @ w, (x, w, b)
