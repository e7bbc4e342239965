"""Assertion helpers whose failures a student can read.

Every helper raises ``AssertionError`` with a message that names the function
under test, says what was expected and what was found (shape, dtype, the worst
element and the tolerance) and, where we can tell, what the usual mistake is.
Nothing here writes to stdout or stderr: nbgrader scores a test cell that writes
to stderr as 0, and a passing check should be silent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def as_array(x: Any) -> np.ndarray:
    """Convert numbers, lists, NumPy arrays and torch tensors to a NumPy array."""
    if hasattr(x, "detach"):  # a torch tensor, possibly on a GPU
        x = x.detach().cpu().numpy()
    return np.asarray(x)


def fail(name: str, problem: str, hint: str | None = None) -> None:
    """Raise the AssertionError that every check uses: `name: problem` plus a hint."""
    message = f"{name}: {problem}"
    if hint:
        message += f"\n  Hint: {hint}"
    raise AssertionError(message)


def that(condition: bool, name: str, problem: str, hint: str | None = None) -> None:
    """Fail with `problem` unless `condition` holds (for checks no other helper covers)."""
    if not condition:
        fail(name, problem, hint)


def is_instance(got: Any, types: type | tuple[type, ...], name: str, hint: str | None = None):
    """Check that `got` is an instance of `types`."""
    if not isinstance(got, types):
        wanted = types.__name__ if isinstance(types, type) else " or ".join(t.__name__ for t in types)
        fail(name, f"expected a {wanted}, got {type(got).__name__} ({short(got)}).", hint)


def shape(got: Any, expected: tuple[int, ...], name: str, hint: str | None = None) -> None:
    """Check that `got` has the shape `expected`."""
    got_shape = tuple(as_array(got).shape)
    expected = tuple(expected)
    if got_shape != expected:
        fail(name, f"expected shape {expected}, got {got_shape}.", hint or shape_hint(got_shape, expected))


def dtype_kind(got: Any, kinds: str, name: str, hint: str | None = None) -> None:
    """Check the dtype kind of `got`: 'i' signed int, 'u' unsigned, 'f' float, 'b' bool."""
    kind = as_array(got).dtype.kind
    if kind not in kinds:
        names = {"i": "int", "u": "unsigned int", "f": "float", "b": "bool"}
        wanted = " or ".join(names.get(k, k) for k in kinds)
        fail(name, f"expected a {wanted} array, got dtype {as_array(got).dtype}.", hint)


def equal(got: Any, expected: Any, name: str, hint: str | None = None) -> None:
    """Check exact equality (integers, booleans, shapes, tuples, strings)."""
    if isinstance(expected, (str, bytes, type(None))) or isinstance(got, (str, type(None))):
        if got != expected:
            fail(name, f"expected {expected!r}, got {got!r}.", hint)
        return
    got_a, exp_a = as_array(got), as_array(expected)
    shape(got_a, exp_a.shape, name, hint)
    wrong = got_a != exp_a
    if np.any(wrong):
        where = tuple(int(i) for i in np.argwhere(wrong)[0])
        at = f" at index {where}" if where else ""
        count = f"{int(wrong.sum())} of {wrong.size} elements differ; " if wrong.size > 1 else ""
        problem = f"{count}first difference{at}: expected {short(exp_a[where])}, got {short(got_a[where])}."
        if exp_a.size > 1 and exp_a.size <= 12:
            problem += f"\n  expected {short(exp_a)}\n  got      {short(got_a)}"
        fail(name, problem, hint)


def close(
    got: Any,
    expected: Any,
    name: str,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    hint: str | None = None,
) -> None:
    """Check that `got` matches `expected` element-wise within rtol/atol (as numpy.allclose)."""
    got_a = as_array(got)
    exp_a = as_array(expected).astype(np.float64)
    if got_a.dtype.kind not in "biuf":
        fail(name, f"expected numbers, got {type(got).__name__} of dtype {got_a.dtype}.", hint)
    shape(got_a, exp_a.shape, name, hint)
    got_a = got_a.astype(np.float64)
    if np.isnan(got_a).any() and not np.isnan(exp_a).any():
        where = tuple(int(i) for i in np.argwhere(np.isnan(got_a))[0])
        fail(name, f"got NaN at index {where} (expected {short(exp_a[where])}).", hint or NAN_HINT)
    with np.errstate(all="ignore"):
        diff = np.abs(got_a - exp_a)
        allowed = atol + rtol * np.abs(exp_a)
    bad = ~(diff <= allowed) & ~(np.isnan(got_a) & np.isnan(exp_a))
    if not bad.any():
        return
    where = np.unravel_index(np.nanargmax(np.where(bad, diff - allowed, -np.inf)), diff.shape)
    where = tuple(int(i) for i in where)
    at = f" at index {where}" if where else ""
    problem = (
        f"{int(bad.sum())} of {bad.size} values are off by more than the tolerance "
        f"(rtol={rtol:g}, atol={atol:g}).\n"
        f"  worst element{at}: expected {short(exp_a[where])}, got {short(got_a[where])} "
        f"(|difference| {diff[where]:.3g})"
    )
    relation = relation_hint(got_a, exp_a)
    if relation:
        problem += f"\n  It looks like {relation}."
    fail(name, problem, hint)


def raises(func: Callable[[], Any], error: type[BaseException], name: str, hint: str | None = None):
    """Check that calling `func()` raises `error`."""
    try:
        func()
    except error:
        return
    except Exception as other:  # noqa: BLE001 - we report whatever else came out
        fail(name, f"expected {error.__name__}, but it raised {type(other).__name__}: {other}", hint)
    fail(name, f"expected {error.__name__}, but nothing was raised.", hint)


NAN_HINT = "a NaN usually comes from 0/0, log(0) or an overflowing exp: check large inputs."


def short(x: Any) -> str:
    """Format a value compactly for a message."""
    if isinstance(x, np.generic) or (isinstance(x, np.ndarray) and x.ndim == 0):
        x = x.item()
    if isinstance(x, float):
        return f"{x:.6g}"
    if isinstance(x, np.ndarray):
        return np.array2string(x, precision=4, threshold=12, separator=", ")
    text = repr(x)
    return text if len(text) <= 80 else text[:77] + "..."


def shape_hint(got: tuple[int, ...], expected: tuple[int, ...]) -> str | None:
    """Guess the mistake behind a wrong shape."""
    if len(got) != len(expected):
        return (
            f"the result has {len(got)} dimensions instead of {len(expected)}: check reshapes and squeezes."
        )
    if sorted(got) == sorted(expected):
        return "the same sizes in another order: is an axis transposed or swapped?"
    diffs = [g - e for g, e in zip(got, expected) if g != e]
    if diffs and all(abs(d) <= 2 for d in diffs):
        return "off by one or two along an axis: check the output-size formula, padding and stride."
    return None


def relation_hint(got: np.ndarray, expected: np.ndarray) -> str | None:
    """Describe a simple relation between a wrong result and the reference, if there is one."""
    if got.size == 0 or not np.isfinite(got).all() or not np.isfinite(expected).all():
        return None
    if np.allclose(got, -expected, rtol=1e-4, atol=1e-6):
        return "got = -expected (a sign error?)"
    scale = np.dot(got.ravel(), expected.ravel()) / max(np.dot(expected.ravel(), expected.ravel()), 1e-300)
    if (
        abs(scale) > 1e-8
        and not np.isclose(scale, 1.0)
        and np.allclose(got, scale * expected, rtol=1e-4, atol=1e-6)
    ):
        return f"got = {scale:.4g} × expected (a missing or extra scale factor?)"
    shift = float(np.mean(got - expected))
    if shift != 0 and np.allclose(got, expected + shift, rtol=1e-4, atol=1e-6):
        return f"got = expected + {shift:.4g} everywhere (a missing or extra bias or offset?)"
    if got.ndim >= 2 and np.allclose(np.flip(got, axis=(-2, -1)), expected, rtol=1e-4, atol=1e-6):
        return "got is the reference flipped in both spatial axes (a flipped kernel?)"
    return None
