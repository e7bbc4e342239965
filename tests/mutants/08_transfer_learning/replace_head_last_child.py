# cell: replace_head
# mistake: replaces the last child, which is not the head when parameter-free layers follow it
def replace_head(model, num_classes):
    """Replace the model's last part, an nn.Linear, by a fresh trainable nn.Linear with num_classes outputs."""
    if num_classes < 1:
        raise ValueError(f"num_classes must be >= 1, got {num_classes}")
    name, old = list(model.named_children())[-1]
    new = nn.Linear(old.in_features, num_classes, bias=old.bias is not None)
    setattr(model, name, new.to(old.weight.device, old.weight.dtype))
    return model
