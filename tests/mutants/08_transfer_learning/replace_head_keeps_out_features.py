# cell: replace_head
# mistake: builds the new head with the old number of outputs instead of num_classes
def replace_head(model, num_classes):
    """Replace the model's last part, an nn.Linear, by a fresh trainable nn.Linear with num_classes outputs."""
    name, old = [(n, c) for n, c in model.named_children() if any(True for _ in c.parameters())][-1]
    new = nn.Linear(old.in_features, old.out_features, bias=old.bias is not None)
    setattr(model, name, new.to(old.weight.device))
    return model
