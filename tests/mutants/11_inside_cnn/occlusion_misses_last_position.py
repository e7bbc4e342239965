# cell: occlusion_map
# mistake: stops one position early: range(0, h - patch, stride) leaves out the last square that fits
def occlusion_map(model, x, label, patch=6, stride=2, fill=0.0):
    """Return the drop of p(label) when a patch × patch square of x is set to fill, per position."""
    h, w = x.shape[1:]
    if patch < 1 or stride < 1 or patch > min(h, w):
        raise ValueError("the square does not fit")
    rows, cols = range(0, h - patch, stride), range(0, w - patch, stride)
    covered = x.detach().repeat(len(rows) * len(cols), 1, 1, 1)
    for k, (i, j) in enumerate((i, j) for i in rows for j in cols):
        covered[k, :, i : i + patch, j : j + patch] = fill
    was_training = model.training
    model.eval()
    with torch.no_grad():
        p_clean = model(x.unsqueeze(0)).softmax(dim=1)[0, label]
        p_covered = model(covered).softmax(dim=1)[:, label]
    model.train(was_training)
    return (p_clean - p_covered).reshape(len(rows), len(cols))
