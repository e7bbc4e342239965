# cell: count_parameters
# mistake: counts the parameter tensors instead of their elements
def count_parameters(model: nn.Module) -> int:
    """Return the number of parameters of `model`."""
    return len(list(model.parameters()))
