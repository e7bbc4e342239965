# cell: train_one_epoch
# mistake: averages the batch losses, so a small last batch counts as much as a full one
def train_one_epoch(model: nn.Module, loader, optimizer: torch.optim.Optimizer, device) -> float:
    """Train `model` for one epoch; return the mean loss per sample."""
    model.train()
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)
