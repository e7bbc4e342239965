"""`visiondl autograde`: grade a class's submissions and record them in nbgrader's gradebook.

Reads ``submitted/<student>/<assignment>/<notebook>.ipynb`` of the course, grades every
submission with the hardened engine (`visiondl.grading.grade`, in parallel), backs up
``gradebook.db`` (a timestamped copy next to it), then writes students, submissions and
scores through `nbgrader.api.Gradebook` from this trusted process only, and writes
``autograded/<student>/<assignment>/<notebook>.ipynb`` whose test cells show the first line
of the test (its docstring) and the failure message, never the test source: so
`nbgrader generate_feedback` and `nbgrader export` keep working, without hidden tests.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import nbformat

from visiondl import grading
from visiondl.course import env_path
from visiondl.sanitize import Release


def db_url(course: Path) -> str:
    """Return the gradebook's URL, with this environment's bin/ first on PATH for nbgrader's `alembic`."""
    os.environ["PATH"] = env_path()
    return f"sqlite:///{course / 'gradebook.db'}"


def course_id(course: Path) -> str:
    """Return the course's nbgrader course id (nbgrader_config.py), "" when it sets none, as nbgrader does."""
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    except ConfigFileNotFound:
        return ""
    return str(config.CourseDirectory.get("course_id", ""))


def open_gradebook(course: Path):
    """nbgrader's Gradebook of the course, under the course's id (not nbgrader's "default_course")."""
    from nbgrader.api import Gradebook

    return Gradebook(db_url(course), course_id=course_id(course))


def backup(course: Path) -> Path | None:
    """Copy gradebook.db to gradebook.db.<UTC time>.bak before anything is written."""
    db = course / "gradebook.db"
    if not db.is_file():
        return None
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    copy = db.with_name(f"gradebook.db.{stamp}.bak")
    shutil.copy2(db, copy)
    return copy


def ensure_assignment(course: Path, assignment: str) -> None:
    """Record the assignment's notebooks and cells in the gradebook (nbgrader generate_assignment)."""
    from nbgrader.api import MissingEntry

    with open_gradebook(course) as gb:
        try:
            if gb.find_assignment(assignment).notebooks:
                return
        except MissingEntry:
            pass
    with tempfile.TemporaryDirectory(prefix="visiondl-release-") as tmp:
        work = Path(tmp)
        shutil.copyfile(course / "nbgrader_config.py", work / "nbgrader_config.py")
        shutil.copytree(course / "source" / assignment, work / "source" / assignment)
        for extra in (course / "source").glob("*.ipynb"):
            shutil.copyfile(extra, work / "source" / extra.name)
        cmd = [sys.executable, "-m", "nbgrader", "generate_assignment", assignment, "--force"]
        cmd += [f"--CourseDirectory.root={work}", f"--CourseDirectory.db_url={db_url(course)}"]
        run = subprocess.run(
            cmd, cwd=work, capture_output=True, text=True, env={**os.environ, "PATH": env_path()}
        )
        if run.returncode != 0:
            raise grading.GradingError(f"nbgrader generate_assignment failed:\n{run.stderr[-2000:]}")


def submissions(course: Path, assignment: str, students: list[str] | None) -> list[tuple[str, Path]]:
    """(student, notebook) for every submitted notebook of the assignment."""
    found = []
    for folder in sorted((course / "submitted").glob(f"*/{assignment}")):
        student = folder.parent.name
        if students and student not in students:
            continue
        for nb in sorted(folder.glob("*.ipynb")):
            found.append((student, nb))
    return found


RECEIPTS = ("timestamp.txt", "submission_secret.txt")  # what `nbgrader submit` writes beside the notebook
RECEIPT_BYTES = 4096


def receipts(folder: Path) -> dict[str, str]:
    """Return the submission's receipts that are small regular files (no links), as text.

    The student's side writes them, so anything odd is left out rather than followed or trusted:
    nbgrader then treats the submission as on time and its feedback as not yet released.
    """
    found = {}
    for name in RECEIPTS:
        path = folder / name
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > RECEIPT_BYTES:
                continue
            found[name] = path.read_text()
        except (OSError, UnicodeDecodeError):
            continue
    return found


def submitted_at(receipt: dict[str, str]) -> datetime.datetime | None:
    """Return the time in timestamp.txt, or None when it is missing or unreadable."""
    from nbgrader.utils import parse_utc

    try:
        text = receipt.get("timestamp.txt", "").strip()
        return parse_utc(text) if text else None
    except (ValueError, OverflowError):
        return None


def feedback_notebook(executed: Path | None, release: Release, report: grading.Report):
    """The notebook for autograded/: student answers, outputs, and tests shown by name and message."""
    nb = (
        nbformat.read(executed, as_version=4)
        if executed and executed.is_file()
        else nbformat.v4.new_notebook()
    )
    if not nb.cells:  # not graded at all: the release with the reason
        nb.cells = [nbformat.v4.new_markdown_cell(f"**Not graded:** {report.error}")]
    messages = {t.grade_id: t.message for t in report.tests}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            doc = first if first.startswith(('"""', "'''", "#")) else "# test"
            cell.source = doc + "\n# (the test code is not shown)"
            message = messages.get(meta.get("grade_id"), "")
            cell.outputs = (
                [nbformat.v4.new_output("stream", name="stdout", text=f"FAILED: {message}\n")]
                if message
                else []
            )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def autograde(
    course: Path, assignment: str, students=None, limits=None, jobs: int = 1, scheduler=None
) -> list:
    """Grade and record a class; return (student, Report) pairs."""
    found = submissions(course, assignment, students)
    if not found:
        raise grading.GradingError(f"no submissions of {assignment} in {course / 'submitted'}")
    ensure_assignment(course, assignment)
    release = Release.load(course, assignment)
    with tempfile.TemporaryDirectory(prefix="visiondl-autograde-") as tmp:
        keep = Path(tmp) / "executed"
        reports = grading.grade(
            [nb for _, nb in found], course=course, limits=limits, keep=keep, jobs=jobs, scheduler=scheduler
        )
        backup(course)
        with open_gradebook(course) as gb, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SQLAlchemy notes from nbgrader's own bookkeeping
            for i, ((student, _), report) in enumerate(zip(found, reports)):
                gb.update_or_create_student(student)
                receipt = receipts(course / "submitted" / student / assignment)
                stamp = submitted_at(receipt)
                gb.update_or_create_submission(assignment, student, **({"timestamp": stamp} if stamp else {}))
                name = Path(release.name).stem
                points = {t.grade_id: t.points for t in report.tests}
                for grade in gb.find_submission_notebook(name, assignment, student).grades:
                    if grade.name in points:
                        grade.auto_score = points[grade.name]
                        grade.needs_manual_grade = False
                    elif grade.cell_type == "markdown":
                        grade.needs_manual_grade = True
                gb.db.commit()
                out = course / "autograded" / student / assignment / release.name
                out.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(feedback_notebook(keep / f"{i:03d}.ipynb", release, report), out)
                for name, text in receipt.items():  # generate_feedback / release_feedback read them here
                    (out.parent / name).write_text(text)
    return [(student, r) for (student, _), r in zip(found, reports)]
