# cell: step
# mistake: casts the comparison back to z's dtype, so float input gives floats 0.0/1.0
def step(z):
    """Return the binary step of z: 1 where z > 0, else 0, as an integer array of z's shape."""
    z = np.asarray(z)
    return (z > 0).astype(z.dtype)
