# cell: evaluate
# mistake: moves the images to the device but compares the predictions with the labels left on the CPU
def evaluate(model: nn.Module, loader, device) -> float:
    """Return the accuracy of `model` on `loader`."""
    model.eval()
    correct, seen = 0, 0
    with torch.no_grad():
        for x, y in loader:
            predicted = model(x.to(device)).argmax(dim=1)
            correct += (predicted == y).sum().item()
            seen += len(y)
    return correct / seen
