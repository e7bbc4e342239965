"""Seeds make runs repeatable; budgets follow grading, GPU and CPU."""

from __future__ import annotations

import random

import numpy as np
import torch

from visiondl import runtime


def draw():
    return random.random(), np.random.rand(), torch.rand(1).item()


def test_set_seed_repeats_python_numpy_and_torch():
    runtime.set_seed(3)
    first = draw()
    runtime.set_seed(3)
    assert draw() == first


def test_budget_under_grading(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert runtime.is_grading()
    assert runtime.budget(cpu=3, gpu=10, grading=1) == 1
    assert runtime.budget(cpu=3) == 3


def test_budget_on_cpu_and_gpu(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert runtime.budget(cpu=3, gpu=10, grading=1) == 3
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert runtime.budget(cpu=3, gpu=10, grading=1) == 10


def test_pick_device_follows_cuda(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert runtime.pick_device() == torch.device("cpu")
    assert runtime.pick_device("cpu") == torch.device("cpu")
