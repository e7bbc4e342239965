# cell: replace_head
# mistake: builds a head with 0 outputs instead of refusing num_classes < 1
def replace_head(model, num_classes):
    """Replace the model's last part, an nn.Linear, by a fresh trainable nn.Linear with num_classes outputs."""
    name, old = [(n, c) for n, c in model.named_children() if any(True for _ in c.parameters())][-1]
    new = nn.Linear(old.in_features, num_classes, bias=old.bias is not None)
    setattr(model, name, new.to(old.weight.device, old.weight.dtype))
    return model
