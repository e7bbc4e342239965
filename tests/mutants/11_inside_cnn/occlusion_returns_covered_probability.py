# cell: occlusion_map
# mistake: returns the probability of the covered images, not the drop
def occlusion_map(model, x, label, patch=6, stride=2, fill=0.0):
    """Return the drop of p(label) when a patch × patch square of x is set to fill, per position."""
    h, w = x.shape[1:]
    if patch < 1 or stride < 1 or patch > min(h, w):
        raise ValueError("the square does not fit")
    rows, cols = range(0, h - patch + 1, stride), range(0, w - patch + 1, stride)
    covered = x.detach().repeat(len(rows) * len(cols), 1, 1, 1)
    for k, (i, j) in enumerate((i, j) for i in rows for j in cols):
        covered[k, :, i : i + patch, j : j + patch] = fill
    was_training = model.training
    model.eval()
    with torch.no_grad():
        p_covered = model(covered).softmax(dim=1)[:, label]
    model.train(was_training)
    return p_covered.reshape(len(rows), len(cols))
