# cell: parameters_answer
# mistake: believes the parameters are spread evenly over the layers
def parameters_answer():
    """Return the letter of your choice as a string."""
    return "c"
