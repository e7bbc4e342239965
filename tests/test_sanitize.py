"""Only the student's answers are taken from a submission; broken files get a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from visiondl.sanitize import Release, SubmissionError, answers, free_names, rebuild

FILES = Path(__file__).resolve().parent / "files"
COURSE = FILES / "tiny_course"


@pytest.fixture(scope="session")
def release():
    return Release.load(COURSE, "99_tiny")


def test_release_keeps_hidden_tests_and_stubs(release):
    test = next(c for c in release.tests if c.grade_id == "test_double")
    assert "x + x" in test.source and test.points == 2
    solution = next(c for c in release.cells if c.grade_id == "double")
    assert "raise NotImplementedError()" in solution.stub and "BEGIN SOLUTION" not in solution.stub
    assert "import numpy as np" in release.prelude and "from visiondl import checks" in release.prelude


def test_only_solution_cells_are_taken(release):
    got = answers(FILES / "submitted-cheat-attempt.ipynb", release)
    assert set(got) <= {"double", "square", "why_linear"}
    cells = rebuild(release, got)
    test = next(c for c in cells if c.grade_id == "test_double")
    assert "x + x" in test.source  # the edited test cell is the source's again


def test_forged_metadata_and_extra_cells_are_dropped(tmp_path, release):
    nb = json.loads((FILES / "answered-correctly.ipynb").read_text())
    for cell in nb["cells"]:
        cell.setdefault("metadata", {})["tags"] = ["raises-exception", "skip-execution"]
    nb["cells"].append(
        {"cell_type": "code", "metadata": {}, "source": "import os; os.remove('x')", "outputs": []}
    )
    path = tmp_path / "99_tiny.ipynb"
    path.write_text(json.dumps(nb))
    cells = rebuild(release, answers(path, release))
    assert not any("os.remove" in c.source for c in cells)
    assert len(cells) == len(release.cells)


@pytest.mark.parametrize(
    "content, reason",
    [
        ('{"cells": [ this is not json', "not a readable notebook"),
        ("[]", "not a notebook"),
        (
            '{"cells": [{"metadata": {"nbgrader": {"grade_id": "other"}}, "source": ""}]}',
            "another assignment",
        ),
    ],
)
def test_unreadable_or_unmatched_files_raise_with_a_reason(tmp_path, release, content, reason):
    path = tmp_path / "99_tiny.ipynb"
    path.write_text(content)
    with pytest.raises(SubmissionError, match=reason):
        answers(path, release)


def test_duplicate_grade_ids_are_refused(tmp_path, release):
    nb = json.loads((FILES / "answered-correctly.ipynb").read_text())
    nb["cells"].append(
        next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "double")
    )
    path = tmp_path / "99_tiny.ipynb"
    path.write_text(json.dumps(nb))
    with pytest.raises(SubmissionError, match="appears twice"):
        answers(path, release)


def test_free_names_are_what_a_test_reads_but_does_not_bind():
    code = "x = np.ones(2)\nf = lambda v: v + y\nfor i in range(3):\n    checks.close(double(x), x + x, 'd')"
    assert free_names(code) == {"np", "y", "checks", "double"}
