# cell: perceptron_predict
# mistake: thresholds with >= 0 instead of using step, so boundary points become class 1
def perceptron_predict(X, w, b):
    """Return the perceptron's 0/1 prediction for each row of X."""
    return (X @ w + b >= 0).astype(int)
