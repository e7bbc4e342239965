# cell: evaluate
# mistake: averages per-batch accuracies, so a small last batch counts as much as a full one
def evaluate(model: nn.Module, loader, device) -> float:
    """Return the accuracy of `model` on `loader`."""
    model.eval()
    accuracies = []
    with torch.no_grad():
        for x, y in loader:
            predicted = model(x.to(device)).argmax(dim=1)
            accuracies.append((predicted == y.to(device)).float().mean().item())
    return sum(accuracies) / len(accuracies)
