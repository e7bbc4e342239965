# cell: parameters_answer
# mistake: believes the convolutions hold most parameters because they see every pixel
def parameters_answer():
    """Return the letter of your choice as a string."""
    return "a"
