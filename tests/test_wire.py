"""The codec accepts plain data only: exact types, numeric dtypes, bounded sizes, no pickles."""

from __future__ import annotations

import base64
import io
import json
import pickle

import numpy as np
import pytest
import torch

from visiondl import wire


def roundtrip(value):
    return wire.decode(json.loads(json.dumps(wire.encode(value))))


def test_plain_values_roundtrip_with_their_types():
    value = {"a": [1, 2.5, None, True, "x"], 3: (1 + 2j, float("nan"), float("-inf"))}
    back = roundtrip(value)
    assert type(back) is dict and type(back["a"]) is list and type(back[3]) is tuple
    assert back["a"] == [1, 2.5, None, True, "x"] and back[3][0] == 1 + 2j and np.isnan(back[3][1])


def test_arrays_scalars_and_tensors_come_back_as_fresh_objects_of_the_same_kind():
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    back = roundtrip(
        [a, np.float32(1.5), np.array(3.0), torch.ones(2, requires_grad=True), slice(1, None, 2)]
    )
    assert type(back[0]) is np.ndarray and back[0].dtype == np.int32 and (back[0] == a).all()
    assert type(back[1]) is np.float32 and back[2].shape == ()
    assert type(back[3]) is torch.Tensor and back[3].requires_grad and back[3].dtype == torch.float32
    assert back[4] == slice(1, None, 2)


def test_objects_that_are_not_plain_data_need_a_handle():
    class LyingInt(int):
        def __eq__(self, other):
            return True

    for value in (LyingInt(3), np.array([object()]), np.ma.masked_array([1, 2]), object()):
        with pytest.raises(wire.WireError):
            wire.encode(value)
    assert wire.encode(LyingInt(3), handle=lambda x: {"t": "h", "id": 1})["t"] == "h"


def npy(array, allow_pickle=False) -> str:
    buf = io.BytesIO()
    np.save(buf, array, allow_pickle=allow_pickle)
    return base64.b64encode(buf.getvalue()).decode()


def test_decode_rejects_pickles_object_dtypes_and_unknown_tags():
    bad = [
        {"t": "nd", "v": npy(np.array([{"a": 1}], dtype=object), allow_pickle=True)},
        {"t": "nd", "v": base64.b64encode(pickle.dumps(np.arange(3))).decode()},
        {"t": "nd", "v": npy(np.array(["text"]))},
        {"t": "tensor", "v": npy(np.arange(3)), "dtype": "object"},
        {"t": "tensor", "v": npy(np.arange(3)), "dtype": "int64", "grad": True},
        {"t": "pickle", "v": "gASVAAAAAAAAAAAu"},
        {"t": "h", "id": 1},  # handles only where the caller accepts them
        {"t": "dict", "v": [[{"t": "list", "v": []}, 1]]},  # an unhashable, non-plain key
        [1, 2],  # a bare JSON list is not a value
    ]
    for obj in bad:
        with pytest.raises(wire.WireError):
            wire.decode(obj)


def test_decode_rejects_oversize_and_deep_values(monkeypatch):
    monkeypatch.setattr(wire, "MAX_ARRAY_BYTES", 1000)
    with pytest.raises(wire.WireError):
        wire.decode({"t": "nd", "v": npy(np.zeros(1000))})
    deep = 1
    for _ in range(wire.MAX_DEPTH + 2):
        deep = {"t": "list", "v": [deep]}
    with pytest.raises(wire.WireError):
        wire.decode(deep)


def test_wire_errors_are_not_ordinary_exceptions():
    """A test cell's `except ValueError:` must not swallow a malformed reply as the student's error."""
    assert not issubclass(wire.WireError, Exception)
