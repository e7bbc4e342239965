# cell: step
# mistake: uses z >= 0, so a point exactly on the boundary (z = 0) is put in class 1
def step(z):
    """Return the binary step of z: 1 where z > 0, else 0, as an integer array of z's shape."""
    return (np.asarray(z) >= 0).astype(int)
