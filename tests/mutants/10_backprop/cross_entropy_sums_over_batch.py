# cell: cross_entropy
# mistake: sums the losses of the batch instead of averaging them
def cross_entropy(scores, y):
    """Return the mean cross-entropy loss of scores (N, C) for integer labels y (N,)."""
    scores = np.asarray(scores, dtype=float)
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(scores)), np.asarray(y)].sum())
