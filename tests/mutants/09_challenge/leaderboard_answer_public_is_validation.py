# cell: leaderboard_answer
# mistake: uses the public leaderboard as a validation set
def leaderboard_answer():
    """Return the letter of your choice as a string: "a", "b", "c" or "d"."""
    return "d"
