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
    # nbgrader submit's receipts: ada's are real, bob's timestamp is a link to the gradebook, eve's is junk
    ada, bob, eve = (root / "submitted" / s / "99_tiny" for s in ("ada", "bob", "eve"))
    (ada / "timestamp.txt").write_text("2026-12-01 09:30:00.250000 UTC")
    (ada / "submission_secret.txt").write_text("f00d" * 32)
    (bob / "timestamp.txt").symlink_to(root / "nbgrader_config.py")
    (eve / "timestamp.txt").write_text("not a time")
    assert main(["autograde", "99_tiny", "--course", str(root), "--timeout", "20", "--jobs", "2"]) == 0
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id="visiondl") as gb:
        scores = {s: gb.find_submission("99_tiny", s).score for s in ("ada", "bob", "eve")}
    assert scores == {"ada": 1, "bob": 3, "eve": 0}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id="visiondl") as gb:
        stamps = {s: gb.find_submission("99_tiny", s).timestamp for s in ("ada", "bob", "eve")}
    assert (
        str(stamps["ada"]) == "2026-12-01 09:30:00.250000" and stamps["bob"] is None and stamps["eve"] is None
    )
    for name in ("timestamp.txt", "submission_secret.txt"):  # copied as written: release_feedback hashes them
        assert (root / "autograded" / "ada" / "99_tiny" / name).read_text() == (ada / name).read_text()
    assert not (
        root / "autograded" / "bob" / "99_tiny" / "timestamp.txt"
    ).exists()  # a link is never followed
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
    assert (root / "feedback" / "ada" / "99_tiny" / "submission_secret.txt").is_file()
    rows = (root / "grades.csv").read_text().splitlines()
    assert rows[0].startswith("assignment,") and len(rows) == 4
