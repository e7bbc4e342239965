# cell: count_trainable
# mistake: counts every parameter, frozen ones included
def count_trainable(model):
    """Return the number of elements of the parameters of model that have requires_grad set."""
    return sum(p.numel() for p in model.parameters())
