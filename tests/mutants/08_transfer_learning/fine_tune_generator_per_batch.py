# cell: fine_tune_epoch
# mistake: makes a new generator from a fixed seed for every batch: the same flips every batch and epoch
def fine_tune_epoch(model, loader, optimizer, device, generator):
    """Train model for one epoch on loader with random horizontal flips; return the mean loss per sample."""
    model.train()
    for child in model.children():
        params = list(child.parameters())
        if params and not any(p.requires_grad for p in params):
            child.eval()
    total, count = 0.0, 0
    for x, y in loader:
        flip = torch.rand(len(x), generator=torch.Generator().manual_seed(0)) < 0.5
        x = torch.where(flip.view(-1, 1, 1, 1), x.flip(-1), x)
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
        count += len(y)
    return total / count
