# cell: freeze
# mistake: counts the children without parameters (pooling, ReLU) as parts too
def freeze(model, train_last=1):
    """Freeze every parameter of model except those of its last `train_last` parts; return model."""
    children = list(model.children())
    for p in model.parameters():
        p.requires_grad = False
    for child in children[max(0, len(children) - train_last) :]:
        for p in child.parameters():
            p.requires_grad = True
    return model
