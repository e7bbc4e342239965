# cell: softmax_cross_entropy_backward
# mistake: onehot - p instead of p - onehot (the direction of steepest descent, not the gradient)
def softmax_cross_entropy_backward(scores, y):
    """Return dL/dscores (N, C) for L = cross_entropy(scores, y): (softmax(scores) - onehot(y)) / N."""
    onehot = np.eye(np.shape(scores)[1])[np.asarray(y)]
    return (onehot - softmax(scores)) / len(scores)
