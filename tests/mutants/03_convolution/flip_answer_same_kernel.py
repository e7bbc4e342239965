# cell: flip_answer
# mistake: believes that true convolution and cross-correlation are the same thing
def flip_answer():
    """Return your choice: "a", "b", "c" or "d"."""
    return "a"
