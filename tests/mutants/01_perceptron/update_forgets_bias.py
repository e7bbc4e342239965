# cell: perceptron_update
# mistake: updates the weights but never the bias
def perceptron_update(w, b, x, d, lr):
    """Apply Rosenblatt's rule for one sample and return the new (w, b)."""
    y = step(np.dot(w, x) + b)
    return w + lr * (d - y) * x, b
