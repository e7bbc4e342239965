"""Write-back of arguments a student's function changed in place, as plain data.

The grader sends arguments to the kernel as pickled copies. After the call the kernel
describes the new state of every mutable argument (arrays, tensors, nn.Modules,
optimizers, random generators) with plain data only, and the grader applies it to its
own originals, so a test can still check "the input was not changed", "the model is in
eval mode", "the weights after one epoch" or "the generator advanced". Modules are
rebuilt only from classes of trusted packages (torch, torchvision); anything else stays
as it was in the grader.

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
    """Shape, dtype and a BLAKE2 digest of a tensor's bytes (None when they cannot be read)."""
    import hashlib

    try:
        data = t.detach().cpu().contiguous().view(-1).view(dtype=__import__("torch").uint8).numpy()
    except Exception:  # noqa: BLE001 - meta tensors and the like are always sent in full
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


# ---- grader side: apply a description to the grader's own object ---------------------------


def apply(x, desc, records: bool = False) -> None:
    """Apply a decoded description (from `describe`) to the grader's original `x`.

    `records`: also the plain attributes of test-defined objects (only the kernel's side
    applies them, from the grader; the grader never takes them from the kernel).
    """
    if type(desc) is not dict or desc.get("kind") != kind(x):
        return
    value = desc.get("value")
    k = desc["kind"]
    if k == "test":
        apply_test(x, value, records)
    elif k == "nd":
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


def same(t) -> bool:
    from visiondl.wire import Same

    return isinstance(t, (Same, SameMarker))


def apply_test(x, d, records: bool = False) -> None:
    """Apply a test-defined object's state (`test_state`) to `x`.

    From the kernel (records False): the module tree without the plain attributes of
    test-defined modules, and new values of tensors that require grad, only at paths where
    `x` already holds such a tensor of the same shape. Nothing else of `x` changes.
    """
    import torch

    if type(d) is not dict:
        return
    if isinstance(x, torch.nn.Module) and type(d.get("module")) is dict:
        apply_module(x, d["module"], records)
    tensors = d.get("tensors")
    for entry in tensors if type(tensors) is list else []:
        if type(entry) is not list or len(entry) != 3:
            continue
        path, t, g = entry
        cur = at_path(x, path)
        if type(cur) not in (torch.Tensor, torch.nn.Parameter) or not cur.requires_grad:
            continue
        if type(t) in (torch.Tensor, torch.nn.Parameter) and t.shape == cur.shape:
            set_data(cur, t, records)
        set_grad(cur, g)
    attrs = d.get("attrs")
    if records and type(attrs) is dict:
        set_attrs(x, attrs)


def set_data(cur, t, in_place: bool) -> None:
    """Give tensor `cur` the values of `t`: in place on the kernel's side (as the test's own
    code did in the grader: a `state_dict()` taken earlier sees it), else new data."""
    import torch

    with torch.no_grad():
        if in_place and cur.dtype == t.dtype and cur.device == t.device:
            cur.copy_(t)
        else:
            cur.data = t.detach().to(cur.dtype)


def set_attrs(x, attrs: dict) -> None:
    import torch

    for name, v in attrs.items():
        if (
            type(name) is str
            and not name.startswith("__")
            and name not in vars(torch.nn.Module)
            and is_plain(v)
        ):
            try:
                x.__dict__[name] = v
            except (AttributeError, TypeError):
                pass


def apply_module(m, d, records: bool = False) -> None:
    import torch

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
            if same(t):
                if make and cur is not None:
                    cur.requires_grad_(t.grad)
            elif t is None:
                store[name] = None
            elif type(t) in (torch.Tensor, torch.nn.Parameter):
                if cur is not None and cur.shape == t.shape and cur.dtype == t.dtype:
                    set_data(cur, t, records)
                    if make:
                        cur.requires_grad_(t.requires_grad)
                else:
                    store[name] = make(t.detach(), requires_grad=t.requires_grad) if make else t.detach()
        for name in [n for n in store if n not in entries]:
            del store[name]
    if records or not is_test(m):  # what a test-defined module recorded is the grader's, never the kernel's
        attrs = d.get("attrs")
        set_attrs(m, attrs if type(attrs) is dict else {})
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
            apply_module(cur, cd, records)
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

    if type(grads) is not dict:
        return
    for name, g in grads.items():
        cur = m._parameters.get(name) if type(name) is str else None
        if cur is None:
            continue
        set_grad(cur, g)


def set_grad(cur, g) -> None:
    """Give parameter `cur` the gradient `g` from the wire: None clears it, "same" keeps it."""
    torch = sys.modules["torch"]
    if g is None:
        cur.grad = None
    elif not same(g) and type(g) in (torch.Tensor, torch.nn.Parameter) and g.shape == cur.shape:
        cur.grad = g.detach().to(cur.dtype)
