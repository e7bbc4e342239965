# cell: extract_features
# mistake: leaves the backbone in training mode (dropout on, batch norm uses batch statistics)
def extract_features(backbone, loader, device):
    """Return (features, labels): backbone's outputs for every batch of loader and their labels, on the CPU."""
    features, labels = [], []
    with torch.no_grad():
        for x, y in loader:
            features.append(backbone(x.to(device)).cpu())
            labels.append(torch.as_tensor(y))
    return torch.cat(features), torch.cat(labels)
