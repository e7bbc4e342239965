# cell: replace_head
# mistake: always gives the new head a bias, even when the old head had none
def replace_head(model, num_classes):
    """Replace the model's last part, an nn.Linear, by a fresh trainable nn.Linear with num_classes outputs."""
    name, old = [(n, c) for n, c in model.named_children() if any(True for _ in c.parameters())][-1]
    setattr(model, name, nn.Linear(old.in_features, num_classes).to(old.weight.device))
    return model
