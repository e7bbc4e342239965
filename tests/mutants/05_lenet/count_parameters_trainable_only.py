# cell: count_parameters
# mistake: counts only trainable parameters, so frozen layers (requires_grad=False) are left out
def count_parameters(model: nn.Module) -> int:
    """Return the number of elements of all parameter tensors (weights and biases) of `model`."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
