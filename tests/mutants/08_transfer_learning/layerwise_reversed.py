# cell: layerwise_lrs
# mistake: gives the full rate to the lowest trainable part and the smallest to the head
def layerwise_lrs(model, base_lr, decay):
    """Return one optimizer parameter group per trainable part."""
    if base_lr <= 0 or not 0 < decay <= 1:
        raise ValueError("out of range")
    parts = [child for child in model.children() if any(p.requires_grad for p in child.parameters())]
    return [
        {"params": [p for p in part.parameters() if p.requires_grad], "lr": float(base_lr) * decay**i}
        for i, part in enumerate(parts)
    ]
