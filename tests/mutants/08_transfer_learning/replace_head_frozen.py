# cell: replace_head
# mistake: copies the old head's requires_grad, so the new head of a frozen model is frozen too
def replace_head(model, num_classes):
    """Replace the model's last part, an nn.Linear, by a fresh trainable nn.Linear with num_classes outputs."""
    name, old = [(n, c) for n, c in model.named_children() if any(True for _ in c.parameters())][-1]
    new = nn.Linear(old.in_features, num_classes, bias=old.bias is not None)
    new.requires_grad_(old.weight.requires_grad)
    setattr(model, name, new.to(old.weight.device))
    return model
