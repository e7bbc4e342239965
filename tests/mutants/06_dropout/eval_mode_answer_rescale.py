# cell: eval_mode_answer
# mistake: rescales by 1 - p at test time as in the original dropout, on top of inverted dropout
def eval_mode_answer():
    """Return the letter of your choice as a string."""
    return "a"
