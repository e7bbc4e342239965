# cell: xor_answer
# mistake: believes more epochs would make the perceptron converge on XOR
def xor_answer():
    """Return the letter of your choice as a string."""
    return "b"
