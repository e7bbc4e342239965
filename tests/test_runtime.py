"""Seeds make runs repeatable; budgets follow grading, GPU and CPU."""

from __future__ import annotations

import random
import subprocess
import sys

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


def test_needs_names_the_exercise_to_finish(capsys):
    notebook = {"model": object(), "history": {"loss": [], "acc": []}, "done": {"loss": [0.5]}}
    assert runtime.needs("5.1", "model", "done", namespace=notebook)
    assert not runtime.needs("5.4", "model", "history", "missing", namespace=notebook)
    captured = capsys.readouterr()
    assert (
        captured.out == "Finish exercise 5.4 first (and run its cells): this cell needs history, missing.\n"
    )
    assert captured.err == ""


def test_needs_reads_the_callers_globals(capsys):
    assert runtime.needs("1.1", "np", "runtime")
    assert not runtime.needs("1.1", "name_that_no_cell_defined")
    assert "exercise 1.1" in capsys.readouterr().out
    assert not runtime.needs("5.1 and 5.4", "name_that_no_cell_defined")
    assert capsys.readouterr().out.startswith("Finish exercises 5.1 and 5.4 first (and run their cells)")


def test_is_empty_counts_none_and_empty_containers():
    assert runtime.is_empty(None) and runtime.is_empty([]) and runtime.is_empty({"a": [], "b": {}})
    assert not runtime.is_empty(0) and not runtime.is_empty("") and not runtime.is_empty(np.zeros(1))
    assert runtime.is_empty(np.zeros(0)) and not runtime.is_empty({"a": [], "b": [1]})
    assert not runtime.is_empty(np.float64(1.0)) and not runtime.is_empty(torch.tensor(0.5))


def fresh_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_set_seed_imports_no_torch_and_seeds_it_when_imported_later():
    seeded_first = (
        "import torch; from visiondl import runtime; runtime.set_seed(5); print(torch.rand(1).item())"
    )
    later = (
        "import sys; from visiondl import runtime; runtime.set_seed(4); runtime.set_seed(5);"
        " assert 'torch' not in sys.modules, 'set_seed imported torch';"
        " import importlib.util; assert importlib.util.find_spec('torch');"  # a probe, not an import
        " import torch; print(torch.rand(1).item())"
    )
    assert fresh_python(later) == fresh_python(seeded_first)
