# cell: max_stable_lr
# mistake: returns 1 / lambda_max (the end of smooth convergence) instead of 2 / lambda_max
def max_stable_lr(hessian):
    """Return 2 / (largest eigenvalue of hessian)."""
    return 1.0 / float(np.linalg.eigvalsh(hessian).max())
