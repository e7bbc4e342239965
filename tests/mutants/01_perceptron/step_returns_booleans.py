# cell: step
# mistake: returns the boolean array z > 0 instead of integers
def step(z):
    """Return the binary step of z: 1 where z > 0, else 0, as an integer array of z's shape."""
    return np.asarray(z) > 0
