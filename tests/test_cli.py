"""The `visiondl` command grades, reports data and fails with a message, not a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"


def visiondl(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "visiondl.cli", *args], capture_output=True, text=True, cwd=cwd
    )


def test_grade_json_prints_the_documented_schema():
    run = visiondl(
        "grade", str(FILES / "wrong-double.ipynb"), "--json", "--course", str(FILES / "tiny_course")
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert (report["score"], report["max_score"]) == (1, 3)
    failed = next(t for t in report["tests"] if t["grade_id"] == "test_double")
    assert failed["points"] == 0 and "double:" in failed["message"]


def test_grade_of_a_missing_file_exits_2_with_a_message(tmp_path):
    run = visiondl("grade", str(tmp_path / "nope.ipynb"), "--course", str(FILES / "tiny_course"))
    assert run.returncode == 2 and "does not exist" in run.stderr and "Traceback" not in run.stderr


def test_data_status_lists_datasets():
    run = visiondl("data")
    assert run.returncode == 0 and "MNIST" in run.stdout


def test_grade_of_several_notebooks_prints_a_json_list():
    notebooks = [str(FILES / "blank.ipynb"), str(FILES / "answered-correctly.ipynb")]
    run = visiondl("grade", *notebooks, "--json", "--jobs", "2", "--course", str(FILES / "tiny_course"))
    assert run.returncode == 0, run.stderr
    assert [r["score"] for r in json.loads(run.stdout)] == [0, 3]
