# cell: numerical_gradient
# mistake: divides the centred difference by h instead of 2h (twice the gradient)
def numerical_gradient(f, x, h=1e-5):
    """Return the centred-difference gradient of the scalar function f at the float array x (x's shape)."""
    if not np.issubdtype(np.asarray(x).dtype, np.floating):
        raise TypeError("x must be a float array")
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        f_plus = f(x)
        x[index] = old - h
        f_minus = f(x)
        x[index] = old
        grad[index] = (f_plus - f_minus) / h
    return grad
