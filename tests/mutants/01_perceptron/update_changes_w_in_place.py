# cell: perceptron_update
# mistake: updates w in place with +=, which also changes the caller's array
def perceptron_update(w, b, x, d, lr):
    """Apply Rosenblatt's rule for one sample and return the new (w, b)."""
    y = step(np.dot(w, x) + b)
    w += lr * (d - y) * x
    return w, float(b + lr * (d - y))
