# cell: occlusion_map
# mistake: writes the square into x itself, so the squares pile up and x is changed
def occlusion_map(model, x, label, patch=6, stride=2, fill=0.0):
    """Return the drop of p(label) when a patch × patch square of x is set to fill, per position."""
    h, w = x.shape[1:]
    if patch < 1 or stride < 1 or patch > min(h, w):
        raise ValueError("the square does not fit")
    rows, cols = range(0, h - patch + 1, stride), range(0, w - patch + 1, stride)
    drops = torch.zeros(len(rows), len(cols), dtype=x.dtype, device=x.device)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        p_clean = model(x.unsqueeze(0)).softmax(dim=1)[0, label]
        for a, i in enumerate(rows):
            for b, j in enumerate(cols):
                x[:, i : i + patch, j : j + patch] = fill
                drops[a, b] = p_clean - model(x.unsqueeze(0)).softmax(dim=1)[0, label]
    model.train(was_training)
    return drops
