# cell: count_parameters
# mistake: adds len(p) (the first dimension) instead of p.numel()
def count_parameters(model: nn.Module) -> int:
    """Return the number of parameters of `model`."""
    return sum(len(p) for p in model.parameters())
