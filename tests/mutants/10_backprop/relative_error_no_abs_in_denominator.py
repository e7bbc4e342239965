# cell: relative_error
# mistake: divides by max(a + b) without absolute values (0 or negative when the signs differ)
def relative_error(a, b):
    """Return max|a - b| / max(|a| + |b|) for same-shaped a and b (0.0 when both are all zeros)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError("shapes differ")
    scale = np.max(a + b)
    return 0.0 if scale == 0 else float(np.max(np.abs(a - b)) / scale)
