# cell: fine_tune_epoch
# mistake: flips the images but never moves the batch to the device (fine on a CPU, wrong on a GPU)
def fine_tune_epoch(model, loader, optimizer, device, generator):
    """Train model for one epoch on loader with random horizontal flips; return the mean loss per sample."""
    model.train()
    for child in model.children():
        params = list(child.parameters())
        if params and not any(p.requires_grad for p in params):
            child.eval()
    total, count = 0.0, 0
    for x, y in loader:
        flip = torch.rand(len(x), generator=generator) < 0.5
        x = torch.where(flip.view(-1, 1, 1, 1), x.flip(-1), x)
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
        count += len(y)
    return total / count
