"""The strict codec for values that come back from a student's kernel: plain data only.

A value is encoded as JSON: None, bools, ints, floats and strings as themselves, and a
tagged object ``{"t": ...}`` for everything else: tuples, lists, dicts, complex numbers,
NumPy arrays and scalars and torch tensors (as base64 ``.npy`` bytes, never a pickle),
torch devices and dtypes, slices, and *handles* (an id for an object that stays in the
kernel, plus the names of its classes). `decode` trusts nothing: it accepts exact types
only, numeric and boolean dtypes only, bounded sizes and depth, and rebuilds every array
and tensor as a fresh object of the grader's own NumPy / torch.
"""

from __future__ import annotations

import base64
import io
import math

import numpy as np

MAX_ARRAY_BYTES = 256 * 2**20  # one array
MAX_NODES = 1_000_000  # values in one message
MAX_DEPTH = 32
MAX_STR = 1_000_000
DTYPE_KINDS = "biufc"
TENSOR_DTYPES = {
    "float16", "bfloat16", "float32", "float64", "complex64", "complex128",
    "int8", "int16", "int32", "int64", "uint8", "bool",
}  # fmt: skip


class WireError(BaseException):
    """A message from the kernel is not plain data of the allowed kinds and sizes.

    A BaseException, so that a test cell's `except ValueError` cannot mistake it for the student's error.
    """


class Same:
    """Write-back marker: a parameter the call left unchanged (only its requires_grad)."""

    def __init__(self, grad: bool):
        self.grad = grad


def array_bytes(a: np.ndarray) -> str:
    buf = io.BytesIO()
    np.save(buf, np.array(a, order="C", copy=True), allow_pickle=False)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def load_array(text) -> np.ndarray:
    if type(text) is not str or len(text) > MAX_ARRAY_BYTES * 4 // 3 + 1024:
        raise WireError("an array that is not base64 text of an allowed size")
    try:
        a = np.load(io.BytesIO(base64.b64decode(text, validate=True)), allow_pickle=False)
    except Exception as error:  # noqa: BLE001 - any malformed array is rejected the same way
        raise WireError(f"an unreadable array ({type(error).__name__})") from None
    if type(a) is not np.ndarray or a.dtype.kind not in DTYPE_KINDS or a.dtype.hasobject:
        raise WireError(f"an array of dtype {a.dtype} (only numbers and booleans are accepted)")
    if a.nbytes > MAX_ARRAY_BYTES or a.ndim > 16:
        raise WireError("an array over the size limit")
    return np.array(a, copy=True)


def decode(obj, handle=None, depth: int = 0, budget: list | None = None):
    """Rebuild a value from its JSON form; `handle(desc)` makes the grader's object for a handle."""
    budget = budget if budget is not None else [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise WireError("a value too large or too deeply nested")
    kind = type(obj)
    if obj is None or kind is bool or kind is int:
        return obj
    if kind is float:
        return obj
    if kind is str:
        if len(obj) > MAX_STR:
            raise WireError("a string over the size limit")
        return obj
    if kind is not dict or type(obj.get("t")) is not str:
        raise WireError(f"an unexpected {kind.__name__} in a message")
    tag, value = obj["t"], obj.get("v")
    sub = lambda x: decode(x, handle, depth + 1, budget)  # noqa: E731
    if tag in ("list", "tuple"):
        if type(value) is not list:
            raise WireError("a malformed sequence")
        items = [sub(x) for x in value]
        return items if tag == "list" else tuple(items)
    if tag == "dict":
        if type(value) is not list or not all(type(p) is list and len(p) == 2 for p in value):
            raise WireError("a malformed dict")
        out = {}
        for k, v in value:
            key = sub(k)
            if type(key) not in (str, int, float, bool, tuple) and key is not None:
                raise WireError("a dict key that is not a plain value")
            out[key] = sub(v)
        return out
    if tag == "float":  # nan and infinities
        if value not in ("nan", "inf", "-inf"):
            raise WireError("a malformed float")
        return float(value)
    if tag == "complex":
        re, im = (sub(x) for x in value) if type(value) is list and len(value) == 2 else (None, None)
        if type(re) is not float or type(im) is not float:
            raise WireError("a malformed complex number")
        return complex(re, im)
    if tag == "nd":
        return load_array(value)
    if tag == "np":
        a = load_array(value)
        if a.ndim != 0:
            raise WireError("a NumPy scalar that is not 0-d")
        return a[()]
    if tag == "tensor":
        return decode_tensor(obj)
    if tag == "device":
        import torch

        return torch.device(check_str(value, 32))
    if tag == "dtype":
        import torch

        if value not in TENSOR_DTYPES:
            raise WireError(f"an unknown torch dtype {value!r}")
        return getattr(torch, value)
    if tag == "slice":
        if type(value) is not list or len(value) != 3:
            raise WireError("a malformed slice")
        return slice(*(sub(x) for x in value))
    if tag == "ellipsis":
        return ...
    if tag == "same":
        return Same(bool(obj.get("grad")))
    if tag in ("h", "ref", "module", "arg"):
        if handle is None:
            raise WireError(f"a {tag!r} where only plain data is accepted")
        return handle(obj)
    raise WireError(f"an unknown tag {tag!r}")


def check_str(value, limit: int) -> str:
    if type(value) is not str or len(value) > limit:
        raise WireError("a malformed name")
    return value


def decode_tensor(obj):
    import torch

    dtype = obj.get("dtype")
    if dtype not in TENSOR_DTYPES:
        raise WireError(f"a tensor of dtype {dtype!r}")
    a = load_array(obj.get("v"))
    t = torch.from_numpy(a).to(getattr(torch, dtype)).clone()
    if obj.get("grad") is True:
        if not (t.is_floating_point() or t.is_complex()):
            raise WireError("an integer tensor that requires grad")
        t.requires_grad_(True)
    return t


def encode(x, handle=None, depth: int = 0):
    """Encode a value as plain data; anything else goes to `handle(x)` (a dict) or fails."""
    if depth > MAX_DEPTH:
        raise WireError("a value too deeply nested")
    kind = type(x)
    if x is None or kind is bool or kind is int or kind is str:
        return x
    if kind is float:
        return x if math.isfinite(x) else {"t": "float", "v": repr(x)}
    sub = lambda v: encode(v, handle, depth + 1)  # noqa: E731
    if kind is list or kind is tuple:
        return {"t": kind.__name__, "v": [sub(v) for v in x]}
    if kind is dict:
        return {"t": "dict", "v": [[sub(k), sub(v)] for k, v in x.items()]}
    if kind is complex:
        return {"t": "complex", "v": [x.real, x.imag]}
    if kind is np.ndarray and x.dtype.kind in DTYPE_KINDS and not x.dtype.hasobject:
        if x.nbytes <= MAX_ARRAY_BYTES:
            return {"t": "nd", "v": array_bytes(x)}
    if isinstance(x, np.generic) and kind.__module__ == "numpy" and x.dtype.kind in DTYPE_KINDS:
        return {"t": "np", "v": array_bytes(np.asarray(x))}
    if x is ...:
        return {"t": "ellipsis"}
    if kind is slice:
        return {"t": "slice", "v": [sub(x.start), sub(x.stop), sub(x.step)]}
    torch_form = encode_torch(x)
    if torch_form is not None:
        return torch_form
    if handle is None:
        raise WireError(f"a {kind.__name__} is not plain data")
    return handle(x)


def encode_torch(x):
    import sys

    torch = sys.modules.get("torch")
    if torch is None:
        return None
    kind = type(x)
    if kind is torch.device:
        return {"t": "device", "v": str(x)}
    if kind is torch.dtype and str(x).removeprefix("torch.") in TENSOR_DTYPES:
        return {"t": "dtype", "v": str(x).removeprefix("torch.")}
    if kind in (torch.Tensor, torch.nn.Parameter) and x.layout == torch.strided:
        dtype = str(x.dtype).removeprefix("torch.")
        if dtype not in TENSOR_DTYPES or x.device.type == "meta":
            return None
        t = x.detach().cpu()
        a = (t.float() if dtype == "bfloat16" else t).numpy()
        if a.nbytes > MAX_ARRAY_BYTES:
            return None
        return {"t": "tensor", "v": array_bytes(a), "dtype": dtype, "grad": bool(x.requires_grad)}
    return None
