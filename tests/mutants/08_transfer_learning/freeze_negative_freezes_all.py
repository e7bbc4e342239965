# cell: freeze
# mistake: no check of train_last: a negative value silently freezes everything
def freeze(model, train_last=1):
    """Freeze every parameter of model except those of its last `train_last` parts; return model."""
    parts = [child for child in model.children() if any(True for _ in child.parameters())]
    for p in model.parameters():
        p.requires_grad = False
    for part in parts[max(0, len(parts) - train_last) :]:
        for p in part.parameters():
            p.requires_grad = True
    return model
