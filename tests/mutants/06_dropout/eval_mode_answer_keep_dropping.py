# cell: eval_mode_answer
# mistake: believes dropout should stay active at test time
def eval_mode_answer():
    """Return the letter of your choice as a string."""
    return "c"
