# cell: train_perceptron
# mistake: draws the visiting order with rng.choice instead of rng.permutation (another random stream)
def train_perceptron(X, d, lr=1.0, epochs=100, seed=0):
    """Train a perceptron with Rosenblatt's rule."""
    rng = np.random.default_rng(seed)
    w, b = np.zeros(X.shape[1]), 0.0
    errors_per_epoch = []
    for _ in range(epochs):
        errors = 0
        for i in rng.choice(len(X), size=len(X), replace=False):
            errors += int(perceptron_predict(X[i : i + 1], w, b)[0] != d[i])
            w, b = perceptron_update(w, b, X[i], d[i], lr)
        errors_per_epoch.append(errors)
        if errors == 0:
            break
    return w, b, errors_per_epoch
