# cell: extract_features
# mistake: takes the labels in the data set's order, not in the order the loader yields the samples
def extract_features(backbone, loader, device):
    """Return (features, labels): backbone's outputs for every batch of loader and their labels, on the CPU."""
    backbone.eval()
    with torch.no_grad():
        features = torch.cat([backbone(x.to(device)).cpu() for x, _ in loader])
    labels = torch.tensor([int(loader.dataset[i][1]) for i in range(len(loader.dataset))])
    return features, labels
