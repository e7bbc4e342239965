# cell: train_with_validation
# mistake: keeps model.state_dict() itself, whose tensors keep changing
def train_with_validation(model, train_loader, val_loader, optimizer, epochs, device, loss_fn=None):
    """Train for `epochs` epochs, keep the weights of the epoch with the best validation accuracy; return (best_state, history)."""
    history, best_state = {"train_loss": [], "train_acc": [], "val_acc": []}, None
    for _ in range(epochs):
        model.train()
        total_loss, correct, seen = 0.0, 0, 0
        for images, labels in train_loader:
            optimizer.zero_grad()
            scores, labels = model(images.to(device)), labels.to(device)
            loss = (loss_fn or nn.CrossEntropyLoss())(scores, labels)
            loss.backward()
            optimizer.step()
            total_loss, seen = total_loss + loss.item() * len(labels), seen + len(labels)
            correct += (scores.argmax(dim=1) == labels).sum().item()
        model.eval()
        with torch.no_grad():
            right = torch.cat([model(x.to(device)).argmax(dim=1).cpu() == y.cpu() for x, y in val_loader])
        for key, value in zip(history, (total_loss / seen, correct / seen, right.double().mean().item())):
            history[key].append(value)
        if (
            int(np.argmax(history["val_acc"])) == len(history["val_acc"]) - 1
        ):  # strictly better than every earlier epoch
            best_state = model.state_dict()
    model.load_state_dict(best_state)
    return best_state, history
