# cell: extract_features
# mistake: computes the features with gradients, keeping the autograd graph
def extract_features(backbone, loader, device):
    """Return (features, labels): backbone's outputs for every batch of loader and their labels, on the CPU."""
    backbone.eval()
    features, labels = [], []
    for x, y in loader:
        features.append(backbone(x.to(device)).cpu())
        labels.append(torch.as_tensor(y))
    return torch.cat(features), torch.cat(labels)
