"""Checks pass on right answers and fail on wrong ones with messages a student can act on."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from visiondl import checks


def failure(func, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as info:
        func(*args, **kwargs)
    return str(info.value)


@pytest.mark.parametrize("seed", range(5))
def test_close_agrees_with_numpy_allclose(seed):
    rng = np.random.default_rng(seed)
    expected = rng.normal(size=(4, 5))
    got = expected + rng.normal(scale=1e-5, size=expected.shape)
    if np.allclose(got, expected, rtol=1e-5, atol=1e-8):
        checks.close(got, expected, name="f")
    else:
        failure(checks.close, got, expected, name="f")


def test_close_accepts_torch_tensors_and_lists():
    checks.close(torch.tensor([1.0, 2.0]), [1.0, 2.0], name="f")


def test_close_reports_worst_index_and_tolerance():
    text = failure(checks.close, [1.0, 2.0, 5.0], [1.0, 2.0, 3.0], name="relu", rtol=1e-3)
    assert text.startswith("relu:")
    assert "index (2,)" in text and "expected 3" in text and "got 5" in text and "rtol=0.001" in text


def test_close_names_a_sign_error():
    assert "sign error" in failure(checks.close, [-1.0, -2.0], [1.0, 2.0], name="f")


def test_close_names_a_missing_scale_factor():
    assert "scale factor" in failure(checks.close, [0.5, 1.0, 1.5], [1.0, 2.0, 3.0], name="dropout")


def test_close_names_a_flipped_kernel():
    expected = np.arange(9.0).reshape(3, 3)
    assert "flipped" in failure(checks.close, expected[::-1, ::-1], expected, name="conv2d")


def test_close_reports_nan():
    assert "NaN" in failure(checks.close, [np.nan, 1.0], [0.0, 1.0], name="sigmoid")


def test_close_rejects_non_numbers():
    assert "expected numbers" in failure(checks.close, ["a"], [1.0], name="f")


def test_shape_hint_for_off_by_one():
    text = failure(checks.shape, np.zeros((8, 3, 3)), (8, 5, 5), name="conv2d")
    assert "expected shape (8, 5, 5), got (8, 3, 3)" in text and "padding" in text


def test_shape_hint_for_swapped_axes():
    assert "transposed" in failure(checks.shape, np.zeros((3, 2)), (2, 3), name="f")


def test_equal_reports_first_difference():
    text = failure(checks.equal, [0, 1, 1], [0, 1, 0], name="step")
    assert "index (2,)" in text and "expected 0, got 1" in text


def test_equal_compares_scalars_and_strings():
    checks.equal(61706, 61706, name="count_parameters")
    assert "expected 'b', got 'a'" in failure(checks.equal, "a", "b", name="answer")


def test_dtype_kind():
    checks.dtype_kind(np.array([1, 0]), "iu", name="step")
    assert "int" in failure(checks.dtype_kind, np.array([1.0]), "iu", name="step")


def test_raises():
    checks.raises(lambda: int("x"), ValueError, name="f")
    assert "nothing was raised" in failure(checks.raises, lambda: 1, ValueError, name="f")
    assert "raised KeyError" in failure(checks.raises, lambda: {}["k"], ValueError, name="f")


def test_is_instance_and_that():
    checks.is_instance((1, 2), tuple, name="f")
    assert "expected a tuple, got list" in failure(checks.is_instance, [1], tuple, name="f")
    assert "f: too slow" in failure(checks.that, False, "f", "too slow", hint="vectorise")


def test_hint_is_appended():
    assert "Hint: did you forget the bias?" in failure(
        checks.close, [1.0], [2.5], name="f", hint="did you forget the bias?"
    )


def test_checks_write_nothing(capfd):
    for func in (
        lambda: checks.close([1.0], [1.0], name="f"),
        lambda: checks.close([np.inf], [1.0], name="f"),
    ):
        try:
            func()
        except AssertionError:
            pass
    assert capfd.readouterr() == ("", "")
