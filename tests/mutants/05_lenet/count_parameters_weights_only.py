# cell: count_parameters
# mistake: forgets the biases (counts only tensors with two or more dimensions)
def count_parameters(model: nn.Module) -> int:
    """Return the number of parameters of `model`."""
    return sum(p.numel() for p in model.parameters() if p.dim() > 1)
