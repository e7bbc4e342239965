# cell: train_one_epoch
# mistake: never calls model.train(), so a model left in eval mode trains without dropout
def train_one_epoch(model: nn.Module, loader, optimizer: torch.optim.Optimizer, device) -> float:
    """Train `model` for one epoch; return the mean loss per sample."""
    loss_fn = nn.CrossEntropyLoss()
    total, seen = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
        seen += len(y)
    return total / seen
