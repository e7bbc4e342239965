# cell: linear_change_answer
# mistake: thinks of random noise, whose effect grows like the square root of the number of pixels
def linear_change_answer():
    """Return the change of the linear score."""
    return 0.1 * 784**0.5 * 0.05
