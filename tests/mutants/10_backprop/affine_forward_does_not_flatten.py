# cell: affine_forward
# mistake: multiplies x as given, so images (N, d1, ..., dk) are not flattened into rows
def affine_forward(x, w, b):
    """Dense layer: out = x (flattened to (N, D)) @ w + b, of shape (N, M); cache = (x, w, b)."""
    return np.asarray(x) @ w + b, (x, w, b)
