# cell: perceptron_predict
# mistake: forgets to add the bias b before the step
def perceptron_predict(X, w, b):
    """Return the perceptron's 0/1 prediction for each row of X."""
    return step(X @ w)
