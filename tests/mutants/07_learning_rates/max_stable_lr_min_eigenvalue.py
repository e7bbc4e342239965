# cell: max_stable_lr
# mistake: uses the smallest eigenvalue instead of the largest
def max_stable_lr(hessian):
    """Return 2 / (largest eigenvalue of hessian)."""
    return 2.0 / float(np.linalg.eigvalsh(hessian).min())
