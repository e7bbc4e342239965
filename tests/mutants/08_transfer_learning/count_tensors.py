# cell: count_trainable
# mistake: counts parameter tensors instead of their elements
def count_trainable(model):
    """Return the number of elements of the parameters of model that have requires_grad set."""
    return sum(1 for p in model.parameters() if p.requires_grad)
