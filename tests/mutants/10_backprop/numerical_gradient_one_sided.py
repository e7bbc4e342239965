# cell: numerical_gradient
# mistake: one-sided differences (f(x + h) - f(x)) / h, whose error shrinks only like h
def numerical_gradient(f, x, h=1e-5):
    """Return the centred-difference gradient of the scalar function f at the float array x (x's shape)."""
    if not np.issubdtype(np.asarray(x).dtype, np.floating):
        raise TypeError("x must be a float array")
    grad, f_x = np.zeros(x.shape), f(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        grad[index] = (f(x) - f_x) / h
        x[index] = old
    return grad
