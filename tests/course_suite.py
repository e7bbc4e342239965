"""Shared paths, notebook builders and the graded-notebook cache of the test suite (fixtures: conftest.py)."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import sys
import uuid
from pathlib import Path

import matplotlib
import nbformat
import pytest
from filelock import FileLock

matplotlib.use("Agg")
# Two pytest workers each grade one notebook at a time: one math thread per kernel fills the two
# cores, where torch's default (a thread per core in every kernel) is ten times slower.
os.environ.setdefault("OMP_NUM_THREADS", "1")
# nbgrader's Gradebook runs `alembic` from PATH, and `make test` calls .venv/bin/python directly.
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])

from mutant_batches import Notebook, batches  # noqa: E402

from visiondl import grading  # noqa: E402
from visiondl.sanitize import Release  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source"
MUTANTS = Path(__file__).resolve().parent / "mutants"
ASSIGNMENTS = grading.assignments(ROOT)
SHARED_DATA = ROOT.parent / "shared" / "data"


def nbgrader_meta(cell) -> dict:
    """Return a cell's nbgrader metadata ({} for plain cells)."""
    return cell.get("metadata", {}).get("nbgrader", {})


def source_notebook(assignment: str) -> Path:
    return SOURCE / assignment / f"{assignment}.ipynb"


def solution_ids(assignment: str) -> list[str]:
    """Return the grade ids of the auto-graded solution (code) cells of a source notebook."""
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    return [
        nbgrader_meta(c)["grade_id"]
        for c in nb.cells
        if nbgrader_meta(c).get("solution") and c.cell_type == "code"
    ]


def mutants(assignment: str) -> list[Path]:
    return sorted((MUTANTS / assignment).glob("*.py"))


def mutant_target(path: Path) -> str:
    """Return the grade id named on a mutant's first line (`# cell: <grade_id>`)."""
    match = re.match(r"#\s*cell:\s*(\S+)", path.read_text().splitlines()[0])
    if not match:
        raise ValueError(f"{path}: the first line must be '# cell: <grade_id>'")
    return match.group(1)


def with_cells(notebook: Path, sources: dict[str, str], out: Path) -> Path:
    """Write a copy of `notebook` whose cells hold `sources` (grade id -> new source)."""
    nb = nbformat.read(notebook, as_version=4)
    for grade_id, new_source in sources.items():
        cells = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") == grade_id]
        if len(cells) != 1:
            raise ValueError(f"{notebook.name} has no single cell with grade_id {grade_id!r}")
        cells[0].source = new_source
    nbformat.write(nb, out)
    return out


def code_cells(assignment: str) -> Notebook:
    """The source notebook's code cells, for batching its mutants (tests/mutant_batches.py)."""
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    meta = [nbgrader_meta(c) for c in code]
    tests = {i for i, m in enumerate(meta) if m.get("grade") and not m.get("solution")}
    prelude = Release.load(ROOT, assignment).prelude
    return Notebook([c.source for c in code], [m.get("grade_id") for m in meta], tests, prelude)


class GradedAssignment:
    """The solution, the released blank and every mutant of one assignment, each graded once, together.

    Mutants are graded a few to a notebook (`mutant_batches.batches`: none can reach another's
    target test). The tests no mutant of a batch can reach grade the solution's cells again
    (`graded_again` counts them); a batch where one of them lost points is graded again one
    mutant per notebook, and listed in `regraded`.
    """

    def __init__(self, assignment: str, folder: Path):
        self.book = code_cells(assignment)
        found = [(p.stem, mutant_target(p), p.read_text()) for p in mutants(assignment)]
        self.batches = batches(self.book, found)
        subs = {
            "solution": source_notebook(assignment),
            "blank": ROOT / "course" / assignment / f"{assignment}.ipynb",
        }
        for i, batch in enumerate(self.batches):
            subs[f"batch{i:02d}"] = self.mutant_notebook(assignment, folder / f"batch{i:02d}", batch)
        reports = dict(zip(subs, grading.grade(list(subs.values()), course=ROOT, keep=folder / "executed")))
        self.executed = {name: folder / "executed" / f"{i:03d}.ipynb" for i, name in enumerate(subs)}
        self.reports = {k: reports[k] for k in ("solution", "blank")}
        self.regraded: dict[str, set[str]] = {}  # mutant -> the unexpected losses of its batch
        self.graded_again = 0
        again = []
        for i, batch in enumerate(self.batches):
            report = reports[f"batch{i:02d}"]
            lost = {t.grade_id for t in report.tests if t.points < t.max_points}
            unreachable = self.book.unreachable({m[1]: m[2] for m in batch})
            unexpected = lost & unreachable  # lost, though no mutant of the batch reaches them
            self.graded_again += len(unreachable)
            for mutant in batch:
                self.reports[mutant[0]] = report
                if unexpected:
                    self.regraded[mutant[0]] = unexpected
                    again.append(mutant)
        if again:
            alone = [self.mutant_notebook(assignment, folder / "alone" / m[0], [m]) for m in again]
            for mutant, report in zip(again, grading.grade(alone, course=ROOT)):
                self.reports[mutant[0]] = report

    @staticmethod
    def mutant_notebook(assignment: str, folder: Path, batch: list[tuple[str, str, str]]) -> Path:
        folder.mkdir(parents=True)
        out = folder / f"{assignment}.ipynb"
        return with_cells(source_notebook(assignment), {m[1]: m[2] for m in batch}, out)


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """Return a function assignment -> GradedAssignment, grading each assignment once per test run.

    pytest-xdist workers share the result through a folder and a lock, so an assignment whose
    tests land on both workers is still graded once.
    """
    # pytest-xdist gives all workers of one run the same id; without xdist there is one process and
    # a fresh id. Keyed by it, a graded folder is never reused by a later run (stale results).
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
    shared = tmp_path_factory.getbasetemp().parent / f"graded-{run}"
    shared.mkdir(parents=True, exist_ok=True)
    cache: dict[str, GradedAssignment] = {}

    def get(assignment: str) -> GradedAssignment:
        if assignment not in cache:
            folder = shared / assignment
            with FileLock(str(shared / f"{assignment}.lock")):
                if (folder / "reports.pickle").is_file():
                    cache[assignment] = pickle.loads((folder / "reports.pickle").read_bytes())
                else:
                    shutil.rmtree(folder, ignore_errors=True)  # a run killed half-way
                    folder.mkdir()
                    cache[assignment] = GradedAssignment(assignment, folder)
                    (folder / "reports.pickle").write_bytes(pickle.dumps(cache[assignment]))
        return cache[assignment]

    return get


@pytest.fixture(autouse=True, scope="session")
def shared_data():
    """Point VISIONDL_DATA at ../shared/data when it is there and nothing else is set."""
    if "VISIONDL_DATA" not in os.environ and SHARED_DATA.is_dir():
        os.environ["VISIONDL_DATA"] = str(SHARED_DATA)
    yield
