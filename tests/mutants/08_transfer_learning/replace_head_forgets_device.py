# cell: replace_head
# mistake: the new head stays on the CPU in float32 instead of the old head's device and dtype
def replace_head(model, num_classes):
    """Replace the model's last part, an nn.Linear, by a fresh trainable nn.Linear with num_classes outputs."""
    if num_classes < 1:
        raise ValueError(f"num_classes must be >= 1, got {num_classes}")
    name, old = [(n, c) for n, c in model.named_children() if any(True for _ in c.parameters())][-1]
    setattr(model, name, nn.Linear(old.in_features, num_classes, bias=old.bias is not None))
    return model
