# cell: xor_answer
# mistake: blames the learning rate for the failure on XOR
def xor_answer():
    """Return the letter of your choice as a string."""
    return "a"
