# cell: linear_change_answer
# mistake: counts the change of a single pixel, epsilon * |w_i|, not of all 784
def linear_change_answer():
    """Return the change of the linear score."""
    return 0.1 * 0.05
