# cell: flip_answer
# mistake: confuses flipping both axes with transposing the kernel
def flip_answer():
    """Return your choice: "a", "b", "c" or "d"."""
    return "c"
