"""Grader side of the write-back: apply a kernel's description of an argument to the grader's own object.

`visiondl.state` describes, in the kernel, what a student's function changed in place, as plain
data; this module applies such a description (decoded by `visiondl.wire`) to the original the
grader holds. Modules and optimizers are rebuilt only from classes of trusted packages
(`visiondl.state.trusted_class`); objects of test-defined classes take from the kernel only a module's training
flags, parameters, buffers and gradients, and tensors that require grad, never their records.
"""

from __future__ import annotations

import sys

import numpy as np

from visiondl.state import SameMarker, at_path, is_plain, is_test, kind, trusted_class


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
