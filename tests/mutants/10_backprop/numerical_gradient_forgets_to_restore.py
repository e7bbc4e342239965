# cell: numerical_gradient
# mistake: leaves each entry at x[i] - h after probing it, so later probes see a shifted x
def numerical_gradient(f, x, h=1e-5):
    """Return the centred-difference gradient of the scalar function f at the float array x (x's shape)."""
    if not np.issubdtype(np.asarray(x).dtype, np.floating):
        raise TypeError("x must be a float array")
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        x[index] += h
        f_plus = f(x)
        x[index] -= 2 * h
        f_minus = f(x)
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad
