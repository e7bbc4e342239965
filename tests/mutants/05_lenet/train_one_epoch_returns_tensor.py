# cell: train_one_epoch
# mistake: accumulates the loss tensors (keeping their graphs) and returns a tensor, not a float
def train_one_epoch(model: nn.Module, loader, optimizer: torch.optim.Optimizer, device) -> float:
    """Train `model` for one epoch; return the mean loss per sample."""
    model.train()
    loss_fn = nn.CrossEntropyLoss()
    total, seen = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total = total + loss * len(y)
        seen += len(y)
    return total / seen
