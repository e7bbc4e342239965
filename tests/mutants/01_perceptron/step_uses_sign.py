# cell: step
# mistake: uses np.sign, which gives -1 (not 0) for negative inputs
def step(z):
    """Return the binary step of z: 1 where z > 0, else 0, as an integer array of z's shape."""
    return np.sign(z).astype(int)
