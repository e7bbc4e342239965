# cell: perceptron_update
# mistake: uses (y - d) instead of (d - y), moving the boundary the wrong way
def perceptron_update(w, b, x, d, lr):
    """Apply Rosenblatt's rule for one sample and return the new (w, b)."""
    y = step(np.dot(w, x) + b)
    return w + lr * (y - d) * x, float(b + lr * (y - d))
