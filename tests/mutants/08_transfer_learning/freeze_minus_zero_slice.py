# cell: freeze
# mistake: slices parts[-train_last:], which is the whole list for train_last = 0
def freeze(model, train_last=1):
    """Freeze every parameter of model except those of its last `train_last` parts; return model."""
    parts = [child for child in model.children() if any(True for _ in child.parameters())]
    for p in model.parameters():
        p.requires_grad = False
    for part in parts[-train_last:]:
        for p in part.parameters():
            p.requires_grad = True
    return model
