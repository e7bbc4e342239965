# cell: cross_entropy
# mistake: takes the log of the (stable) softmax: the right class's probability underflows to 0, log 0 = -inf
def cross_entropy(scores, y):
    """Return the mean cross-entropy loss of scores (N, C) for integer labels y (N,)."""
    scores = np.asarray(scores, dtype=float)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    return float(-np.log(probs[np.arange(len(scores)), np.asarray(y)]).mean())
