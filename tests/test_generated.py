"""course/ and solutions/ are what source/ generates: nobody edits them by hand, nothing is stale."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from course_suite import ASSIGNMENTS, ROOT, SOURCE
from visiondl import grading

STALE = "is stale or edited by hand: run `make build` and commit course/ and solutions/"


def cells(path):
    nb = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.source, c.metadata.get("nbgrader")) for c in nb.cells]


@pytest.fixture(scope="session")  # module scope would rebuild it when other modules' tests come between
def fresh(tmp_path_factory):
    dest = tmp_path_factory.mktemp("fresh")
    grading.build(ROOT, dest, solutions=False)
    return dest


def test_course_has_exactly_the_source_assignments():
    released = sorted(p.name for p in (ROOT / "course").iterdir() if p.is_dir())
    assert released == ASSIGNMENTS, f"course/ {STALE}"


@pytest.mark.xdist_group("fresh-release")  # one worker builds the fresh release, not each of them
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_course_notebook_equals_a_fresh_release(fresh, assignment):
    committed = sorted((ROOT / "course" / assignment).rglob("*"))
    regenerated = sorted((fresh / "course" / assignment).rglob("*"))
    assert [p.relative_to(ROOT / "course") for p in committed] == [
        p.relative_to(fresh / "course") for p in regenerated
    ], f"course/{assignment} {STALE}"
    for new in regenerated:
        if new.suffix == ".ipynb":
            old = ROOT / "course" / new.relative_to(fresh / "course")
            assert cells(old) == cells(new), f"{old.relative_to(ROOT)} {STALE}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_notebook_is_the_source_with_header_executed(assignment):
    solution = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
    assert solution.is_file(), f"solutions/{assignment} is missing: run `make build`"
    header = [(c.cell_type, c.source) for c in nbformat.read(SOURCE / "header.ipynb", as_version=4).cells]
    source = [(t, s) for t, s, _ in cells(SOURCE / assignment / f"{assignment}.ipynb")]
    assert [(t, s) for t, s, _ in cells(solution)] == header + source, f"{solution.relative_to(ROOT)} {STALE}"
    nb = nbformat.read(solution, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), f"{solution.name} was not executed: run `make build`"
    errors = [o.ename for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{solution.name} has errors in its outputs: {errors}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_outputs_name_no_machine_paths(assignment):
    """Printed outputs say $VISIONDL_DATA or ~, never the folders of the machine that built them."""
    nb = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    text = "\n".join(  # what a reader sees: printed text, plain and HTML results, errors (not image data)
        str(o.get("text", ""))
        + str(o.get("data", {}).get("text/plain", ""))
        + str(o.get("data", {}).get("text/html", ""))
        + "\n".join(o.get("traceback", []))
        for c in nb.cells
        for o in c.get("outputs", [])
    )
    machine = {
        str(ROOT),
        str(ROOT.parent),
        str(Path.home()),
        "/tmp/",
        os.environ.get("VISIONDL_DATA") or str(ROOT),
    }
    found = sorted(m for m in machine if m in text)
    assert not found, (
        f"solutions/{assignment} prints machine paths {found}: name them with visiondl.data.shown"
    )
