"""The batching of mutants (tests/mutant_batches.py): which cells a test can reach, which mutants share."""

from __future__ import annotations

from mutant_batches import Notebook, batches, scan

SETUP = "import numpy as np"
STEP = "def step(z):\n    return np.where(z >= 0, 1, 0)"
PREDICT = "def predict(w, x):\n    return step(x @ w)"
SQUARE = "def square(x):\n    return x * x"


def notebook(*cells: tuple[str | None, str]) -> Notebook:
    """A notebook of (grade id, source) code cells; ids starting with test_ are test cells."""
    ids = [gid for gid, _ in cells]
    tests = {i for i, gid in enumerate(ids) if gid and gid.startswith("test_")}
    return Notebook([src for _, src in cells], ids, tests)


def three_exercises() -> Notebook:
    """step, predict (which calls step) and square, each followed by its test cell."""
    return notebook(
        ("setup", SETUP), ("step", STEP), ("test_step", "step(0)"),
        ("predict", PREDICT), ("test_predict", "predict(np.ones(2), np.ones(2))"),
        ("square", SQUARE), ("test_square", "square(3)"),
    )  # fmt: skip


def test_a_function_reads_its_globals_not_its_locals():
    s = scan("def f(x):\n    y = x + offset\n    return np.sum(y)")
    assert s.binds == {"f"} and s.uses == {"offset", "np"} and not s.data


def test_a_name_bound_earlier_in_the_cell_is_not_read_from_other_cells():
    assert "x" not in scan("x = 1\nprint(x)").uses
    assert "x" in scan("print(x)\nx = 1").uses
    assert "x" in scan("if flag:\n    x = 1\nprint(x)").uses  # maybe never bound: an older x
    assert scan("x = x + 1").uses >= {"x"}


def test_imports_and_definitions_are_not_data_assignments_are():
    s = scan(
        "import torch.nn as nn\nfrom math import pi\nclass A: pass\nmodel = A()\nfor k in range(3): pass"
    )
    assert s.binds == {"nn", "pi", "A", "model", "k"}
    assert s.data == {"model", "k"}


def test_a_global_statement_binds_at_module_level_and_magics_are_skipped():
    s = scan("%matplotlib inline\ndef reset():\n    global count\n    count = 0")
    assert s.binds == {"reset", "count"} and s.data == {"count"}


def test_a_cell_that_is_not_python_binds_nothing():
    assert scan("def f(:\n    pass") is None


def test_a_test_reaches_the_functions_it_calls_and_what_they_call():
    book = three_exercises()
    deps = book.dependencies({})
    assert deps[2] == {0, 1}
    assert deps[4] == {0, 1, 3}  # predict calls step
    assert deps[6] == {5}  # square reads nothing of the others; the test cells bind nothing


def test_a_cell_that_uses_data_may_change_it_in_place():
    book = notebook(
        ("make", "net = [1, 2]"), ("grow", "def grow(xs):\n    xs.append(0)"),
        (None, "grow(net)"),  # changes net without binding it
        ("test_make", "assert len(net) == 2"),
    )  # fmt: skip
    assert book.dependencies({})[3] == {0, 1, 2}


def test_mutants_share_a_notebook_only_when_no_test_reaches_another_mutant():
    book = three_exercises()
    wrong_step, wrong_predict, wrong_square = STEP.replace(">=", ">"), PREDICT + " * 2", SQUARE + " + 1"
    assert book.fits({"step": wrong_step, "square": wrong_square})
    assert book.fits({"predict": wrong_predict, "square": wrong_square})
    assert not book.fits({"step": wrong_step, "predict": wrong_predict})  # predict's test calls step
    # a mutant that starts to call another exercise's function reaches it
    assert not book.fits({"step": wrong_step, "square": "def square(x):\n    return step(x) * x"})
    groups = batches(
        book,
        [("s1", "step", wrong_step), ("s2", "step", STEP + "\n"), ("p1", "predict", wrong_predict),
         ("q1", "square", wrong_square)],
    )  # fmt: skip
    assert sorted(sorted(m[0] for m in g) for g in groups) == [["p1"], ["q1", "s1"], ["s2"]]


def test_a_lost_test_that_no_mutant_reaches_is_unexpected():
    book = three_exercises()
    batch = {"step": STEP.replace(">=", ">")}
    assert {"test_step", "test_predict"} & book.unreachable(batch) == set()  # predict calls step
    assert {"test_step", "test_square"} & book.unreachable(batch) == {"test_square"}
