# cell: count_parameters
# mistake: concatenates all parameters first, which fails for a model without parameters
def count_parameters(model: nn.Module) -> int:
    """Return the number of elements of all parameter tensors (weights and biases) of `model`."""
    return torch.cat([p.detach().flatten() for p in model.parameters()]).numel()
