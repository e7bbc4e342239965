# cell: evaluate
# mistake: feeds the batches to the model where they are, never on the device
def evaluate(model: nn.Module, loader, device) -> float:
    """Return the accuracy of `model` on `loader`."""
    model.eval()
    correct, seen = 0, 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(dim=1) == y).sum().item()
            seen += len(y)
    return correct / seen
