# cell: leaderboard_answer
# mistake: believes the best public score is unbiased
def leaderboard_answer():
    """Return the letter of your choice as a string: "a", "b", "c" or "d"."""
    return "a"
