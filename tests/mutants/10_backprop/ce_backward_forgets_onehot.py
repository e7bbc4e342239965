# cell: softmax_cross_entropy_backward
# mistake: returns softmax / N without subtracting 1 at the right class
def softmax_cross_entropy_backward(scores, y):
    """Return dL/dscores (N, C) for L = cross_entropy(scores, y): (softmax(scores) - onehot(y)) / N."""
    return softmax(scores) / len(scores)
