# cell: count_trainable
# mistake: counts the elements of a NumPy copy of each weight, which fails on the meta device
def count_trainable(model):
    """Return the number of elements of the parameters of model that have requires_grad set."""
    return int(sum(p.detach().cpu().numpy().size for p in model.parameters() if p.requires_grad))
