# cell: layerwise_lrs
# mistake: counts every child (frozen and parameter-free ones too) when decaying the rate
def layerwise_lrs(model, base_lr, decay):
    """Return one optimizer parameter group per trainable part."""
    if base_lr <= 0 or not 0 < decay <= 1:
        raise ValueError("out of range")
    children = list(model.children())
    return [
        {
            "params": [p for p in c.parameters() if p.requires_grad],
            "lr": float(base_lr) * decay ** (len(children) - 1 - i),
        }
        for i, c in enumerate(children)
        if any(p.requires_grad for p in c.parameters())
    ]
