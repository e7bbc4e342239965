"""The shared training loop learns, and its accuracy agrees with a direct count."""

from __future__ import annotations

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from visiondl import runtime, train


def blobs(n=200):
    g = torch.Generator().manual_seed(0)
    y = torch.randint(0, 2, (n,), generator=g)
    x = torch.randn(n, 2, generator=g) + 3 * y[:, None].float()
    return DataLoader(TensorDataset(x, y), batch_size=32)


def test_fit_learns_separable_blobs():
    runtime.set_seed(0)
    model = nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    history = train.fit(model, blobs(), blobs(), opt, 5, "cpu", progress=False)
    assert history["train_loss"][-1] < history["train_loss"][0]
    assert history["test_acc"][-1] > 0.9
    assert set(history) == {"train_loss", "train_acc", "test_acc", "lr", "seconds"}


def test_fit_steps_the_scheduler_once_per_epoch():
    model = nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
    history = train.fit(model, blobs(), None, opt, 4, "cpu", scheduler=sched, progress=False)
    assert history["lr"] == [0.1, 0.05, 0.025, 0.0125]


def test_accuracy_matches_a_direct_count():
    model = nn.Linear(2, 2)
    loader = blobs()
    x, y = loader.dataset.tensors
    expected = (model(x).argmax(1) == y).float().mean().item()
    assert abs(train.accuracy(model, loader, "cpu") - expected) < 1e-6


def test_fit_steps_reduce_on_plateau_with_the_loss():
    model = nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.0)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=0)
    history = train.fit(model, blobs(), None, opt, 2, "cpu", scheduler=sched, progress=False)
    assert len(history["train_loss"]) == 2


def test_batches_steps_a_per_batch_scheduler_after_each_batch_is_used():
    model = nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=1.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: 1 / (step + 1))
    seen = []
    for _ in train.batches(blobs(), "epoch", progress=False, scheduler=sched):  # 7 batches
        seen.append(opt.param_groups[0]["lr"])  # the rate the batch is trained with
        opt.step()
    assert seen == [1 / (k + 1) for k in range(7)]
    assert opt.param_groups[0]["lr"] == 1 / 8  # the last batch's step happened too


def test_batches_without_scheduler_or_progress_is_the_loader_itself():
    loader = blobs()
    assert train.batches(loader, "epoch", progress=False) is loader
