# cell: layerwise_lrs
# mistake: puts every parameter of a trainable part in its group, the frozen ones too
def layerwise_lrs(model, base_lr, decay):
    """Return one optimizer parameter group per trainable part."""
    if base_lr <= 0 or not 0 < decay <= 1:
        raise ValueError("out of range")
    parts = [child for child in model.children() if any(p.requires_grad for p in child.parameters())]
    return [
        {"params": list(part.parameters()), "lr": float(base_lr) * decay ** (len(parts) - 1 - i)}
        for i, part in enumerate(parts)
    ]
