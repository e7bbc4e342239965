# cell: evaluate
# mistake: returns the number of correct predictions instead of the fraction
def evaluate(model: nn.Module, loader, device) -> float:
    """Return the accuracy of `model` on `loader`."""
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x.to(device)).argmax(dim=1) == y.to(device)).sum().item()
    return float(correct)
