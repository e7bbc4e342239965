# cell: buggy_check
# mistake: takes the 1e-5 near a ReLU kink for a bug
def buggy_check():
    """Return "a", "b", "c" or "d": the gradient check that reveals a bug."""
    return "c"
