"""Write-back of arguments a student's function changed in place, as plain data.

The grader sends arguments to the kernel as pickled copies. After the call the kernel
describes the new state of every mutable argument (arrays, tensors, nn.Modules,
optimizers, random generators) with plain data only, and the grader applies it to its
own originals, so a test can still check "the input was not changed", "the model is in
eval mode", "the weights after one epoch" or "the generator advanced". Modules are
rebuilt only from classes of trusted packages (torch, torchvision); anything else stays
as it was in the grader.
"""

from __future__ import annotations

import sys

import numpy as np

TRUSTED = {
    "numpy", "torch", "torchvision", "scipy", "math", "cmath", "visiondl", "builtins", "collections",
    "functools", "itertools", "operator", "warnings", "timeit", "matplotlib", "random", "typing",
}  # fmt: skip


def trusted_module(name) -> bool:
    return type(name) is str and name.split(".")[0] in TRUSTED


def kind(x) -> str | None:
    """The kind of mutable argument `x` is, or None for values that are not written back."""
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
    return found


def digest(t):
    """Shape, dtype and a BLAKE2 digest of a tensor's bytes (None when they cannot be read)."""
    import hashlib

    try:
        data = t.detach().cpu().contiguous().view(-1).view(dtype=__import__("torch").uint8).numpy()
    except Exception:  # noqa: BLE001 - meta tensors and the like are always sent in full
        return None
    return tuple(t.shape), str(t.dtype), hashlib.blake2b(data.tobytes(), digest_size=16).digest()


def describe(x, before: dict | None = None) -> dict | None:
    """The state of `x` after the call, in plain data for wire.encode.

    Arrays, tensors, optimizers and generators are described whole; a module's tensors whose
    digest matches `before` (from `fingerprints`) are marked unchanged.
    """
    k = kind(x)
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


def module_tree(m, before: dict | None = None) -> dict:
    before = before or {}

    def tensor(t):
        if t is not None and before.get(id(t)) is not None and before[id(t)] == digest(t):
            return SameMarker(t.requires_grad)
        return t

    plain = (bool, int, float, str, type(None), tuple, list)
    attrs = {
        k: v for k, v in vars(m).items()
        if type(v) in plain and k != "training" and not k.startswith("__") and is_plain(v)
    }  # fmt: skip
    return {
        "type": [type(m).__module__, type(m).__qualname__],
        "training": bool(m.training),
        "params": {k: tensor(v) for k, v in m._parameters.items()},
        # .grad of each parameter (None, or the tensor): "no gradient left on the parameters"
        "grads": {k: None if v is None or v.grad is None else v.grad for k, v in m._parameters.items()},
        "buffers": {k: tensor(v) for k, v in m._buffers.items()},
        "attrs": attrs,
        "children": {k: None if c is None else module_tree(c, before) for k, c in m._modules.items()},
    }


def is_plain(v, depth=0) -> bool:
    if type(v) in (tuple, list):
        return depth < 3 and len(v) < 64 and all(is_plain(x, depth + 1) for x in v)
    return type(v) in (bool, int, float, str, type(None))


class SameMarker:
    """Kernel side: a parameter left unchanged (wire-encoded as {"t": "same"})."""

    def __init__(self, grad):
        self.grad = bool(grad)


# ---- grader side: apply a description to the grader's own object ---------------------------


def apply(x, desc) -> None:
    """Apply a decoded description (from `describe`) to the grader's original `x`."""
    if type(desc) is not dict or desc.get("kind") != kind(x):
        return
    value = desc.get("value")
    k = desc["kind"]
    if k == "nd":
        if type(value) is np.ndarray and value.shape == x.shape and x.flags.writeable:
            x[...] = value
    elif k == "tensor":
        import torch

        if type(value) is torch.Tensor and value.shape == x.shape:
            with torch.no_grad():
                x.copy_(value.to(x.dtype))
    elif k == "module":
        apply_module(x, value)
    elif k == "optim":
        x.load_state_dict(value)
    elif k == "nprng":
        x.bit_generator.state = value
    elif k == "torchrng":
        import torch

        if type(value) is torch.Tensor and value.dtype == torch.uint8:
            x.set_state(value)


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


def apply_module(m, d) -> None:
    import torch

    from visiondl.wire import Same

    if type(d) is not dict:
        return
    m.training = bool(d.get("training"))
    apply_grads(m, d.get("grads"))
    for store, make in ((m._parameters, torch.nn.Parameter), (m._buffers, None)):
        entries = d.get("params" if make else "buffers") or {}
        for name, t in entries.items():
            if type(name) is not str:
                continue
            cur = store.get(name)
            if isinstance(t, Same):
                if make and cur is not None:
                    cur.requires_grad_(t.grad)
            elif t is None:
                store[name] = None
            elif type(t) is torch.Tensor:
                if cur is not None and cur.shape == t.shape and cur.dtype == t.dtype:
                    with torch.no_grad():
                        cur.data = t.detach()
                    if make:
                        cur.requires_grad_(t.requires_grad)
                else:
                    store[name] = make(t.detach(), requires_grad=t.requires_grad) if make else t.detach()
        for name in [n for n in store if n not in entries]:
            del store[name]
    for name, v in (d.get("attrs") or {}).items():
        if type(name) is str and not name.startswith("__") and name not in vars(torch.nn.Module):
            m.__dict__[name] = v
    children = d.get("children") or {}
    for name, cd in children.items():
        cur = m._modules.get(name)
        if cd is None:
            m._modules[name] = None
        elif (
            type(cd) is dict
            and cur is not None
            and [type(cur).__module__, type(cur).__qualname__] == list(cd.get("type", []))
        ):
            apply_module(cur, cd)
        else:
            cls = trusted_class(cd.get("type"))
            if cls is not None and issubclass(cls, torch.nn.Module):
                new = cls.__new__(cls)
                torch.nn.Module.__init__(new)
                apply_module(new, cd)
                m._modules[name] = new
    for name in [n for n in m._modules if n not in children]:
        del m._modules[name]


def apply_grads(m, grads) -> None:
    """Set the .grad of the grader's parameters as the kernel left them (None or a tensor)."""
    import torch

    if type(grads) is not dict:
        return
    for name, g in grads.items():
        cur = m._parameters.get(name) if type(name) is str else None
        if cur is None:
            continue
        if g is None:
            cur.grad = None
        elif type(g) is torch.Tensor and g.shape == cur.shape:
            cur.grad = g.detach().to(cur.dtype)
