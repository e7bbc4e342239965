"""Write-back of arguments a student's function changed in place, as plain data.

The grader sends arguments to the kernel as pickled copies. After the call the kernel
describes the new state of every mutable argument (arrays, tensors, nn.Modules,
optimizers, random generators) with plain data only (this module), and the grader
applies it to its own originals (`visiondl.writeback`), so a test can still check "the
input was not changed", "the model is in eval mode", "the weights after one epoch" or
"the generator advanced". Modules are rebuilt only from classes of trusted packages
(torch, torchvision; `trusted_class`); anything else stays as it was in the grader.

Objects of classes defined in a test cell (a recording model, a scripted optimizer, a
counting loader: kind "test") belong to the grader. The kernel works on a pickled copy,
but their methods run in the grader as callbacks, on the grader's own object (`self`
travels as a reference to it), so what they record (lists of calls, counters, flags) is
written by trusted code and never taken from the kernel. From the kernel come only the
state a student's code legitimately changes: a module's training flags, parameters,
buffers and gradients, and the tensors that require grad held in the object's
attributes (an optimizer's weights). They travel before each callback (so a method sees
`self.training` and the weights as the student left them) and after the call; after each
callback the grader sends its object's state, records included, back to the kernel's copy.
"""

from __future__ import annotations

import sys

import numpy as np

TRUSTED = {
    "numpy", "torch", "torchvision", "scipy", "math", "cmath", "visiondl", "builtins", "collections",
    "functools", "itertools", "operator", "warnings", "timeit", "matplotlib", "random", "typing",
}  # fmt: skip


TEST_MODULE = "__visiondl_test__"  # __name__ of the namespace test cells run in


def is_test(x) -> bool:
    """Whether `x` is an instance of a class defined in a test cell (the grader's own object)."""
    return getattr(type(x), "__module__", None) == TEST_MODULE


def trusted_module(name) -> bool:
    return type(name) is str and name.split(".")[0] in TRUSTED


def trusted_class(path):
    """Import the class module:qualname when it comes from a trusted package, else None."""
    import importlib

    if type(path) not in (list, tuple) or len(path) != 2 or not trusted_module(path[0]):
        return None
    if type(path[1]) is not str or "<" in path[1]:
        return None
    try:
        obj = importlib.import_module(path[0])
        for part in path[1].split("."):
            obj = getattr(obj, part)
    except Exception:  # noqa: BLE001 - a class we cannot find is simply not rebuilt
        return None
    return obj if isinstance(obj, type) else None


def kind(x) -> str | None:
    """The kind of mutable argument `x` is, or None for values that are not written back."""
    if is_test(x):
        return "test"
    if type(x) is np.ndarray:
        return "nd"
    if type(x) is np.random.Generator:
        return "nprng"
    torch = sys.modules.get("torch")
    if torch is None:
        return None
    if type(x) in (torch.Tensor, torch.nn.Parameter):
        return "tensor"
    if issubclass(type(x), torch.nn.Module):  # type(): a handle that reports a Module class is not one
        return "module"
    if issubclass(type(x), torch.optim.Optimizer):
        return "optim"
    if type(x) is torch.Generator:
        return "torchrng"
    return None


def mutables(args, kwargs, skip: set | None = None) -> list:
    """The mutable objects among the arguments (nested in lists, tuples, dicts), in a fixed order.

    `skip`: ids of objects that arrived as handles (the kernel's own objects), never written back.
    """
    found, seen = [], set(skip or ())

    def walk(x, depth):
        if id(x) in seen or depth > 3:
            return
        seen.add(id(x))
        if kind(x):
            found.append(x)
        elif type(x) in (list, tuple):
            for v in x:
                walk(v, depth + 1)
        elif type(x) is dict:
            for v in x.values():
                walk(v, depth + 1)

    for a in list(args) + list(kwargs.values()):
        walk(a, 0)
    return found


# ---- kernel side: describe the state after the call ---------------------------------------


def fingerprints(roots) -> dict:
    """Kernel side, before a call: the bytes digest of every tensor held by the module arguments.

    A module's tensors whose bytes are unchanged after the call travel back as "same" (a
    resnet18 is 45 MB a call otherwise). This trusts the kernel no more than before: whatever
    the kernel reports is what the student's code computed, and it is checked as plain data.
    """
    found = {}
    for x in roots:
        if kind(x) == "module":
            for t in [*x.parameters(), *x.buffers()]:
                found[id(t)] = digest(t)
        elif kind(x) == "test":
            for t in synced_tensors(x):
                found[id(t)] = digest(t)
    return found


def synced_tensors(x) -> list:
    """The tensors of a test-defined object that travel between grader and kernel (with grads)."""
    torch = sys.modules.get("torch")
    found = []
    if torch is not None and isinstance(x, torch.nn.Module):
        found += [*x.parameters(), *x.buffers()]
    found += [t for _, t in param_paths(x)]
    return found + [t.grad for t in found if getattr(t, "grad", None) is not None]


def param_paths(x) -> list:
    """(path, tensor) of the tensors that require grad in `x`'s attributes (lists, tuples, dicts).

    A path is a list of attribute names, dict keys and indexes; a module's own parameters,
    buffers and submodules are not in it (they travel in its module tree).
    """
    torch = sys.modules.get("torch")
    if torch is None:
        return []
    module = isinstance(x, torch.nn.Module)
    try:
        items = [(k, v) for k, v in vars(x).items() if type(k) is str and not (module and k.startswith("_"))]
    except TypeError:  # no __dict__
        return []
    found = []

    def walk(v, path):
        if len(path) > 4 or len(found) >= 256:
            return
        if type(v) in (torch.Tensor, torch.nn.Parameter):
            if v.requires_grad and v.is_leaf:
                found.append((path, v))
        elif type(v) in (list, tuple):
            for i, item in enumerate(v[:256]):
                walk(item, [*path, i])
        elif type(v) is dict:
            for key, item in list(v.items())[:256]:
                if type(key) in (str, int):
                    walk(item, [*path, key])

    for k, v in items:
        walk(v, [k])
    return found


def at_path(x, path):
    """The object at `path` (from `param_paths`) in `x`'s attributes, or None."""
    if type(path) is not list or not path or type(path[0]) is not str:
        return None
    try:
        v = vars(x).get(path[0])
    except TypeError:
        return None
    for step in path[1:]:
        if type(v) in (list, tuple) and type(step) is int and 0 <= step < len(v):
            v = v[step]
        elif type(v) is dict and type(step) in (str, int) and step in v:
            v = v[step]
        else:
            return None
    return v


def digest(t):
    """Shape, dtype and a BLAKE2 digest of a tensor's bytes (None when they cannot be read).

    A meta tensor has no bytes: the same shape and dtype on the meta device is the same tensor,
    so a call that only sets its requires_grad (freezing a model built on the meta device) is
    written back as such."""
    import hashlib

    if t.device.type == "meta":
        return tuple(t.shape), str(t.dtype), b"meta"
    try:
        data = t.detach().cpu().contiguous().view(-1).view(dtype=__import__("torch").uint8).numpy()
    except Exception:  # noqa: BLE001 - a tensor whose bytes cannot be read is always sent in full
        return None
    return tuple(t.shape), str(t.dtype), hashlib.blake2b(data.tobytes(), digest_size=16).digest()


def describe(x, before: dict | None = None, records: bool = False) -> dict | None:
    """The state of `x` after the call, in plain data for wire.encode.

    Arrays, tensors, optimizers and generators are described whole; a module's tensors whose
    digest matches `before` (from `fingerprints`) are marked unchanged. A test-defined object
    is described by its module tree and the tensors that require grad in its attributes;
    its plain attributes (records) only with `records` (the grader's side, never the kernel's).
    """
    k = kind(x)
    if k == "test":
        return {"kind": k, "value": test_state(x, before or {}, records)}
    if k in ("nd", "tensor"):
        return {"kind": k, "value": x}
    if k == "module":
        return {"kind": k, "value": module_tree(x, before or {})}
    if k == "optim":
        return {"kind": k, "value": x.state_dict()}
    if k == "nprng":
        return {"kind": k, "value": x.bit_generator.state}
    if k == "torchrng":
        return {"kind": k, "value": x.get_state()}
    return None


def unchanged(t, before: dict):
    """`t`, or a SameMarker when its digest is the one in `before` (the other side has it)."""
    if t is not None and before.get(id(t)) is not None and before[id(t)] == digest(t):
        return SameMarker(t.requires_grad)
    return t


def plain_attrs(x) -> dict:
    """The attributes of `x` that are plain data (numbers, strings, lists, tuples, dicts of those)."""
    try:
        items = vars(x).items()
    except TypeError:
        return {}
    return {
        k: v for k, v in items
        if type(k) is str and k != "training" and not k.startswith("__") and is_plain(v)
    }  # fmt: skip


def test_state(x, before: dict, records: bool) -> dict:
    torch = sys.modules.get("torch")
    module = torch is not None and isinstance(x, torch.nn.Module)
    return {
        "module": module_tree(x, before, records) if module else None,
        "tensors": [
            [path, unchanged(t, before), None if t.grad is None else unchanged(t.grad, before)]
            for path, t in param_paths(x)
        ],
        "attrs": plain_attrs(x) if records and not module else {},  # a module's are in its tree
    }


def module_tree(m, before: dict | None = None, records: bool = False) -> dict:
    """A module's state; a test-defined module's plain attributes only with `records`."""
    before = before or {}

    def tensor(t):
        return unchanged(t, before)

    attrs = plain_attrs(m) if records or not is_test(m) else {}
    return {
        "type": [type(m).__module__, type(m).__qualname__],
        "training": bool(m.training),
        "params": {k: tensor(v) for k, v in m._parameters.items()},
        # .grad of each parameter (None, or the tensor): "no gradient left on the parameters"
        "grads": {
            k: None if v is None or v.grad is None else tensor(v.grad) for k, v in m._parameters.items()
        },
        "buffers": {k: tensor(v) for k, v in m._buffers.items()},
        "attrs": attrs,
        "children": {
            k: None if c is None else module_tree(c, before, records) for k, c in m._modules.items()
        },
    }


def is_plain(v, depth=0) -> bool:
    if type(v) in (tuple, list):
        return depth < 3 and len(v) < 4096 and all(is_plain(x, depth + 1) for x in v)
    if type(v) is dict:
        return (
            depth < 3
            and len(v) < 4096
            and all(type(k) in (str, int) and is_plain(x, depth + 1) for k, x in v.items())
        )
    return type(v) in (bool, int, float, str, type(None))


class SameMarker:
    """Kernel side: a parameter left unchanged (wire-encoded as {"t": "same"})."""

    def __init__(self, grad):
        self.grad = bool(grad)
