# cell: layerwise_lrs
# mistake: refuses decay > 1 but accepts decay = 0 (every part but the head would get rate 0)
def layerwise_lrs(model, base_lr, decay):
    """Return one optimizer parameter group per trainable part."""
    if base_lr <= 0 or decay > 1:
        raise ValueError("out of range")
    parts = [child for child in model.children() if any(p.requires_grad for p in child.parameters())]
    return [
        {
            "params": [p for p in part.parameters() if p.requires_grad],
            "lr": float(base_lr) * decay ** (len(parts) - 1 - i),
        }
        for i, part in enumerate(parts)
    ]
