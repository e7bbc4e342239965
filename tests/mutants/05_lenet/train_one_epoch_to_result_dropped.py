# cell: train_one_epoch
# mistake: calls x.to(device) and y.to(device) without keeping the results, so nothing moves
def train_one_epoch(model: nn.Module, loader, optimizer: torch.optim.Optimizer, device) -> float:
    """Train `model` for one pass over `loader`; return the mean loss per sample."""
    model.train()
    loss_fn = nn.CrossEntropyLoss()
    total, seen = 0.0, 0
    for x, y in loader:
        x.to(device)
        y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
        seen += len(y)
    return total / seen
