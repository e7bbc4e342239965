"""Seeds, devices and training budgets: the explicit setup every notebook calls once."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import random
import sys
from collections.abc import Mapping, Sized

import numpy as np


def is_grading() -> bool:
    """Tell whether nbgrader is executing this notebook (it sets NBGRADER_EXECUTION)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def set_seed(seed: int = 0) -> None:
    """Seed Python's, NumPy's and torch's generators so a notebook runs the same every time.

    torch is seeded now if it is imported, else the moment it is: a numpy-only notebook never
    pays torch's import (about 2 s), and one that imports torch later gets the same numbers as
    if it had imported it first.
    """
    random.seed(seed)
    np.random.seed(seed)
    for finder in [f for f in sys.meta_path if isinstance(f, SeedTorchOnImport)]:
        sys.meta_path.remove(finder)  # the latest seed wins
    if "torch" in sys.modules:
        seed_torch(sys.modules["torch"], seed)
    else:
        sys.meta_path.insert(0, SeedTorchOnImport(seed))


def seed_torch(torch, seed: int) -> None:
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False


class SeedTorchOnImport(importlib.abc.MetaPathFinder):
    """Seed torch right after its first import (a finder that steps aside once it has wrapped it)."""

    def __init__(self, seed: int):
        self.seed = seed

    def find_spec(self, name, path=None, target=None):
        if name != "torch":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:  # no torch here: the numpy-only notebooks work without it
            return None
        exec_module = spec.loader.exec_module

        def exec_and_seed(module):
            if self in sys.meta_path:
                sys.meta_path.remove(self)
            exec_module(module)
            seed_torch(module, self.seed)

        spec.loader.exec_module = exec_and_seed  # a probe that finds torch without importing it seeds nothing
        return spec


def pick_device(prefer: str | None = None):
    """Return the torch device to train on: `prefer` if given, else CUDA when available, else CPU."""
    import torch

    if prefer is not None:
        return torch.device(prefer)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def has_gpu() -> bool:
    """Tell whether torch sees a CUDA GPU."""
    try:
        import torch
    except ImportError:
        return False
    return torch.cuda.is_available()


def budget(cpu, gpu=None, grading=None):
    """Pick a training budget (epochs, samples, …) for where the notebook runs.

    Returns `grading` under nbgrader (so grading a class stays fast), `gpu` when a
    GPU is there, and `cpu` otherwise. Missing values fall back to `cpu`.
    """
    if is_grading():
        return cpu if grading is None else grading
    if has_gpu():
        return cpu if gpu is None else gpu
    return cpu


def needs(exercise, *names: str, namespace: Mapping | None = None) -> bool:
    """Tell whether the notebook holds `names`; if not, print which exercise to finish first.

    A cell that uses what an earlier exercise made starts with
    ``if runtime.needs("5.4", "history"):``, so an unfinished exercise gives one friendly
    line on stdout instead of a knock-on NameError or KeyError. A name counts as missing
    when it is undefined, None, or empty (an empty container, or a dict of empty ones).
    `namespace` defaults to the caller's globals (the notebook's).
    """
    if namespace is None:
        namespace = sys._getframe(1).f_globals
    missing = [name for name in names if is_empty(namespace.get(name))]
    if missing:
        several = " " in str(exercise)  # "5.1 and 5.4", "8.1 to 8.4"
        what = (
            f"exercises {exercise} first (and run their cells)"
            if several
            else f"exercise {exercise} first (and run its cells)"
        )
        print(f"Finish {what}: this cell needs {', '.join(missing)}.")
    return not missing


def is_empty(value) -> bool:
    """Tell whether `value` is None, an empty container, or a dict whose values are all empty."""
    if value is None:
        return True
    if isinstance(value, Mapping):
        return all(is_empty(v) for v in value.values())
    if not isinstance(value, Sized) or isinstance(value, str):
        return False
    try:
        return len(value) == 0
    except TypeError:  # a 0-d array or tensor has __len__ but no length
        return False
