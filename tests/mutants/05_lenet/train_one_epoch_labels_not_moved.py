# cell: train_one_epoch
# mistake: moves the images to the device but not the labels (fails on a GPU)
def train_one_epoch(model: nn.Module, loader, optimizer: torch.optim.Optimizer, device) -> float:
    """Train `model` for one pass over `loader`; return the mean loss per sample."""
    model.train()
    loss_fn = nn.CrossEntropyLoss()
    total, seen = 0.0, 0
    for x, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x.to(device)), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
        seen += len(y)
    return total / seen
