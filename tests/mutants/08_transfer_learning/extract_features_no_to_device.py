# cell: extract_features
# mistake: never moves the batches to the device (invisible on a CPU-only machine)
def extract_features(backbone, loader, device):
    """Return (features, labels): backbone's outputs for every batch of loader and their labels, on the CPU."""
    backbone.eval()
    features, labels = [], []
    with torch.no_grad():
        for x, y in loader:
            features.append(backbone(x).cpu())
            labels.append(torch.as_tensor(y))
    return torch.cat(features), torch.cat(labels)
