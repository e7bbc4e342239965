"""The small training loop of the notebooks after 05 (where students write their own).

`fit` trains a classifier for some epochs and returns its history; `accuracy`
measures a model on a loader; `predict` collects predictions and labels.
"""

from __future__ import annotations

import time

import torch
from torch import nn


def batches(loader, desc: str, progress: bool, scheduler=None):
    """Wrap a loader in a tqdm progress bar when `progress` (never under nbgrader).

    With a `scheduler` (one that steps per batch, such as OneCycleLR), `scheduler.step()` runs
    after each batch has been used, so a training loop written for one epoch needs no change.
    """
    from visiondl import runtime

    if progress and not runtime.is_grading():
        from tqdm.auto import tqdm

        loader = tqdm(loader, desc=desc, leave=False)
    return loader if scheduler is None else _stepping(loader, scheduler)


def _stepping(loader, scheduler):
    for batch in loader:
        yield batch
        scheduler.step()


@torch.no_grad()
def predict(model: nn.Module, loader, device) -> tuple[torch.Tensor, torch.Tensor]:
    """Return (predicted classes, true labels) of `model` over `loader`, on the CPU."""
    model.eval()
    preds, labels = [], []
    for x, y in loader:
        preds.append(model(x.to(device)).argmax(dim=1).cpu())
        labels.append(y)
    return torch.cat(preds), torch.cat(labels)


def accuracy(model: nn.Module, loader, device) -> float:
    """Return the fraction of `loader`'s samples that `model` classifies correctly."""
    preds, labels = predict(model, loader, device)
    return (preds == labels).float().mean().item()


def fit(
    model,
    train_loader,
    test_loader,
    optimizer,
    num_epochs,
    device,
    scheduler=None,
    loss_fn=None,
    progress=True,
) -> dict[str, list[float]]:
    """Train `model` and return its history: train_loss, train_acc, test_acc, lr, seconds.

    `scheduler` steps once per epoch; ReduceLROnPlateau gets the epoch's train loss.
    """
    loss_fn = loss_fn or nn.CrossEntropyLoss()
    model.to(device)
    history = {"train_loss": [], "train_acc": [], "test_acc": [], "lr": [], "seconds": []}
    for epoch in range(num_epochs):
        start, total, correct, seen = time.perf_counter(), 0.0, 0, 0
        model.train()
        for x, y in batches(train_loader, f"epoch {epoch + 1}/{num_epochs}", progress):
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            out = model(x)
            loss = loss_fn(out, y)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(y)
            correct += (out.argmax(dim=1) == y).sum().item()
            seen += len(y)
        history["lr"].append(optimizer.param_groups[0]["lr"])
        history["train_loss"].append(total / seen)
        history["train_acc"].append(correct / seen)
        history["test_acc"].append(accuracy(model, test_loader, device) if test_loader else float("nan"))
        history["seconds"].append(time.perf_counter() - start)
        if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
            scheduler.step(history["train_loss"][-1])
        elif scheduler is not None:
            scheduler.step()
    return history
