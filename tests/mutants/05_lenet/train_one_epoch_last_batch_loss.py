# cell: train_one_epoch
# mistake: returns the loss of the last batch instead of the epoch's mean
def train_one_epoch(model: nn.Module, loader, optimizer: torch.optim.Optimizer, device) -> float:
    """Train `model` for one epoch; return the mean loss per sample."""
    model.train()
    loss_fn = nn.CrossEntropyLoss()
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    return loss.item()
