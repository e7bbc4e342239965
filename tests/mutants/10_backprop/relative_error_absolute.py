# cell: relative_error
# mistake: returns the absolute error max|a - b|, which depends on the scale of the gradients
def relative_error(a, b):
    """Return max|a - b| / max(|a| + |b|) for same-shaped a and b (0.0 when both are all zeros)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError("shapes differ")
    return float(np.max(np.abs(a - b)))
