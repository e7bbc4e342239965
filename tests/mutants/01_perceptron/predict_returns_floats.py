# cell: perceptron_predict
# mistake: uses np.heaviside, which returns floats 0.0/1.0 instead of integers
def perceptron_predict(X, w, b):
    """Return the perceptron's 0/1 prediction for each row of X."""
    return np.heaviside(X @ w + b, 0.0)
