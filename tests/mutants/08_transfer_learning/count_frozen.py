# cell: count_trainable
# mistake: inverts the condition and counts the frozen parameters
def count_trainable(model):
    """Return the number of elements of the parameters of model that have requires_grad set."""
    return sum(p.numel() for p in model.parameters() if not p.requires_grad)
