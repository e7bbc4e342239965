# cell: affine_forward
# mistake: caches the flattened x instead of the argument as given (the contract's cache is (x, w, b))
def affine_forward(x, w, b):
    """Dense layer: out = x (flattened to (N, D)) @ w + b, of shape (N, M); cache = (x, w, b)."""
    rows = np.reshape(x, (len(x), -1))
    return rows @ w + b, (rows, w, b)
