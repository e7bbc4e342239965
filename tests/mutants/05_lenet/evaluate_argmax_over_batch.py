# cell: evaluate
# mistake: takes the arg-max over the batch axis (dim=0) instead of the class axis
def evaluate(model: nn.Module, loader, device) -> float:
    """Return the accuracy of `model` on `loader`."""
    model.eval()
    correct, seen = 0, 0
    with torch.no_grad():
        for x, y in loader:
            predicted = model(x.to(device)).argmax(dim=0)
            correct += (predicted == y.to(device)).sum().item()
            seen += len(y)
    return correct / seen
