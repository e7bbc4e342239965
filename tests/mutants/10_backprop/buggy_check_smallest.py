# cell: buggy_check
# mistake: reads the relative error backwards (the smallest as the worst)
def buggy_check():
    """Return "a", "b", "c" or "d": the gradient check that reveals a bug."""
    return "a"
