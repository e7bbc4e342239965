# cell: evaluate
# mistake: forgets model.eval(), so dropout stays on while measuring
def evaluate(model: nn.Module, loader, device) -> float:
    """Return the accuracy of `model` on `loader`."""
    correct, seen = 0, 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x.to(device)).argmax(dim=1) == y.to(device)).sum().item()
            seen += len(y)
    return correct / seen
