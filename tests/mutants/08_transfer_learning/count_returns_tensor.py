# cell: count_trainable
# mistake: returns a 0-d tensor (a sum of tensor sizes) instead of a Python int
def count_trainable(model):
    """Return the number of elements of the parameters of model that have requires_grad set."""
    return torch.tensor([p.numel() for p in model.parameters() if p.requires_grad] + [0]).sum()
