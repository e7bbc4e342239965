# cell: perceptron_update
# mistake: copies w and adds in place, so an integer w cannot take the fractional update
def perceptron_update(w, b, x, d, lr):
    """Apply Rosenblatt's rule for one sample."""
    y = step(np.dot(w, x) + b)
    new_w = w.copy()
    new_w += lr * (d - y) * x
    return new_w, b + lr * (d - y)
