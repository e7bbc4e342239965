# cell: evaluate
# mistake: measures without torch.no_grad(), so every forward pass builds a graph for nothing
def evaluate(model: nn.Module, loader, device) -> float:
    """Return the accuracy of `model` on `loader`."""
    model.eval()
    correct, seen = 0, 0
    for x, y in loader:
        predicted = model(x.to(device)).argmax(dim=1)
        correct += (predicted == y.to(device)).sum().item()
        seen += len(y)
    return correct / seen
