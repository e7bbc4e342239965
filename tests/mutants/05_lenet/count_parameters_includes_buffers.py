# cell: count_parameters
# mistake: counts the state_dict, which also holds buffers such as batch norm's running statistics
def count_parameters(model: nn.Module) -> int:
    """Return the number of parameters of `model`."""
    return sum(t.numel() for t in model.state_dict().values())
