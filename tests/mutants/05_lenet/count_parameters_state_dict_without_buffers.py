# cell: count_parameters
# mistake: reads state_dict() and skips batch norm's buffers by name, so a shared layer counts twice
def count_parameters(model: nn.Module) -> int:
    """Return the number of elements of all parameter tensors (weights and biases) of `model`."""
    buffers = ("running_mean", "running_var", "num_batches_tracked")
    return sum(t.numel() for name, t in model.state_dict().items() if not name.endswith(buffers))
