# cell: freeze
# mistake: freezes every parameter, the head too, and ignores train_last
def freeze(model, train_last=1):
    """Freeze every parameter of model except those of its last `train_last` parts; return model."""
    for p in model.parameters():
        p.requires_grad = False
    return model
