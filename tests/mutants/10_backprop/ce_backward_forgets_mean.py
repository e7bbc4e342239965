# cell: softmax_cross_entropy_backward
# mistake: forgets the 1/N of the mean (the gradient of the summed loss)
def softmax_cross_entropy_backward(scores, y):
    """Return dL/dscores (N, C) for L = cross_entropy(scores, y): (softmax(scores) - onehot(y)) / N."""
    dscores = softmax(scores)
    dscores[np.arange(len(scores)), np.asarray(y)] -= 1
    return dscores
