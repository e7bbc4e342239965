"""`visiondl autograde` records a class in nbgrader's gradebook; feedback and export keep working
and never show the hidden tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from nbgrader.api import Gradebook

from visiondl import grading
from visiondl.cli import main

FILES = Path(__file__).resolve().parent / "files"


def test_autograde_then_feedback_and_export(tmp_path):
    root = tmp_path / "course_root"
    shutil.copytree(FILES / "tiny_course", root)
    for student, name in [("ada", "wrong-double"), ("bob", "answered-correctly"), ("eve", "not-a-notebook")]:
        folder = root / "submitted" / student / "99_tiny"
        folder.mkdir(parents=True)
        shutil.copyfile(FILES / f"{name}.ipynb", folder / "99_tiny.ipynb")
    assert main(["autograde", "99_tiny", "--course", str(root), "--timeout", "20", "--jobs", "2"]) == 0
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        scores = {s: gb.find_submission("99_tiny", s).score for s in ("ada", "bob", "eve")}
    assert scores == {"ada": 1, "bob": 3, "eve": 0}
    graded = (root / "autograded" / "ada" / "99_tiny" / "99_tiny.ipynb").read_text()
    assert "x + x" not in graded and "double:" in graded  # the failure message, not the hidden test
    # a second run backs up the gradebook first
    assert main(["autograde", "99_tiny", "--course", str(root), "--student", "ada", "--timeout", "20"]) == 0
    assert list(root.glob("gradebook.db.*.bak"))
    grading.nbgrader(root, "generate_feedback", "99_tiny")
    grading.nbgrader(root, "export")
    for student in ("ada", "bob", "eve"):
        html = (root / "feedback" / student / "99_tiny" / "99_tiny.html").read_text()
        assert "HIDDEN TESTS" not in html and "x + x" not in html and "multiply by two" not in html
    rows = (root / "grades.csv").read_text().splitlines()
    assert rows[0].startswith("assignment,") and len(rows) == 4
