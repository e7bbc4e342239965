# cell: perceptron_predict
# mistake: returns the raw scores X @ w + b, forgetting the step activation
def perceptron_predict(X, w, b):
    """Return the perceptron's 0/1 prediction for each row of X."""
    return X @ w + b
