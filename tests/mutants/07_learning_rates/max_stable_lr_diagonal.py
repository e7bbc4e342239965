# cell: max_stable_lr
# mistake: takes the largest diagonal entry of H as its largest eigenvalue
def max_stable_lr(hessian):
    """Return 2 / (largest eigenvalue of hessian)."""
    return 2.0 / float(np.max(np.diag(hessian)))
