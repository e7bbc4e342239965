"""Rebuild a submission from the course's source notebook, keeping only the student's answers.

`Release.load` reads ``source/<assignment>/<assignment>.ipynb`` once per batch: the cells
as released (solutions replaced by nbgrader's stubs, the shared header first), every test
cell with its hidden part, and the *prelude*: the imports and the instructor's helper
definitions that test cells use, which the grader runs on its own side. `answers` takes
from a submission only the sources of its solution cells, by grade id: no other cell, no
metadata, tags or outputs. A file that cannot be read or matched raises SubmissionError.
"""

from __future__ import annotations

import ast
import builtins
import copy
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

MAX_BYTES = 64 * 2**20
HIDDEN = "### BEGIN HIDDEN TESTS"


class SubmissionError(ValueError):
    """A submission that cannot be graded (the student scores 0 with this reason)."""


@dataclass
class Cell:
    kind: str  # markdown | code (instructor) | solution | test | manual
    source: str
    grade_id: str | None = None
    points: float = 0.0
    stub: str = ""
    cell_type: str = "code"


@dataclass
class Release:
    assignment: str
    name: str  # the notebook's file name
    cells: list[Cell] = field(default_factory=list)
    prelude: str = ""

    @property
    def tests(self) -> list[Cell]:
        return [c for c in self.cells if c.kind == "test"]

    @property
    def answer_ids(self) -> set[str]:
        return {c.grade_id for c in self.cells if c.kind in ("solution", "manual")}

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Release:
        data = json.loads(text)
        return cls(data["assignment"], data["name"], [Cell(**c) for c in data["cells"]], data["prelude"])

    @classmethod
    def load(cls, course: Path, assignment: str) -> Release:
        from nbgrader.preprocessors import ClearSolutions

        path = course / "source" / assignment / f"{assignment}.ipynb"
        nb = nbformat.read(path, as_version=4)
        stubs = ClearSolutions(
            code_stub={"python": "# YOUR CODE HERE\nraise NotImplementedError()"},
            text_stub="YOUR ANSWER HERE",
        ).preprocess(copy.deepcopy(nb), {})[0]
        release = cls(assignment, path.name)
        header = course / "source" / "header.ipynb"
        if header.is_file():
            for c in nbformat.read(header, as_version=4).cells:
                release.cells.append(
                    Cell("markdown" if c.cell_type == "markdown" else "code", c.source, cell_type=c.cell_type)
                )
        for c, stub in zip(nb.cells, stubs.cells):
            meta = c.metadata.get("nbgrader", {})
            gid, points = meta.get("grade_id"), float(meta.get("points", 0) or 0)
            if meta.get("grade") and c.cell_type == "code":
                kind = "test"
            elif meta.get("solution"):
                kind = "manual" if c.cell_type == "markdown" else "solution"
            else:
                kind = c.cell_type if c.cell_type == "markdown" else "code"
            release.cells.append(Cell(kind, c.source, gid, points, stub.source, c.cell_type))
        release.prelude = prelude(
            [c.source for c in release.cells if c.kind == "code"], [c.source for c in release.tests]
        )
        return release


def names(code: str) -> tuple[set[str], set[str]]:
    """(names read, names bound) anywhere in `code`."""
    loads, bound = set(), set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name):
            (loads if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return loads, bound


def free_names(code: str) -> set[str]:
    """Names `code` reads but never binds, builtins excluded: what must come from the kernel."""
    loads, bound = names(code)
    return loads - bound - set(dir(builtins))


def prelude(instructor_cells: list[str], test_cells: list[str]) -> str:
    """The instructor's imports and the definitions test cells need, to run on the grader's side.

    An assignment is kept only when everything its value reads is itself in the prelude,
    so nothing a student's code computed can enter it.
    """
    statements = []
    for code in instructor_cells:
        try:
            statements += ast.parse(code).body
        except SyntaxError:
            continue
    needed = set().union(*(free_names(t) for t in test_cells)) if test_cells else set()
    keep: dict[int, ast.stmt] = {}
    changed = True
    while changed:
        changed, bound = False, set(dir(builtins))
        for i, st in enumerate(statements):
            if isinstance(st, (ast.Import, ast.ImportFrom)):
                keep[i] = st
            elif i in keep:
                pass
            elif isinstance(st, (ast.FunctionDef, ast.ClassDef)) and st.name in needed:
                keep[i] = st
                needed |= free_names(ast.unparse(st))
                changed = True
            elif isinstance(st, ast.Assign) and all(isinstance(t, ast.Name) for t in st.targets):
                targets = {t.id for t in st.targets}
                if targets & needed and free_names(ast.unparse(st.value)) <= bound:
                    keep[i] = st
                    changed = True
            if i in keep:
                bound |= names(ast.unparse(keep[i]))[1]
    return "\n".join(ast.unparse(keep[i]) for i in sorted(keep))


def cell_source(cell) -> str:
    src = cell.get("source", "")
    if type(src) is list and all(type(s) is str for s in src):
        return "".join(src)
    if type(src) is str:
        return src
    raise SubmissionError("a cell's source is neither text nor a list of lines")


def answers(path: Path, release: Release) -> dict[str, str]:
    """The student's solution-cell sources by grade id (missing ones are left out)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SubmissionError(f"the file is larger than {MAX_BYTES // 2**20} MB")
        data = json.loads(path.read_bytes())
    except SubmissionError:
        raise
    except (OSError, ValueError, RecursionError) as error:
        raise SubmissionError(
            f"{path.name} is not a readable notebook ({type(error).__name__}: {str(error)[:200]}). "
            "Download a fresh copy from course/ and paste your answers in."
        ) from None
    cells = data.get("cells") if type(data) is dict else None
    if type(cells) is not list:
        raise SubmissionError(f"{path.name} is not a notebook (no list of cells).")
    found: dict[str, str] = {}
    seen: set[str] = set()
    for cell in cells:
        meta = cell.get("metadata") if type(cell) is dict else None
        nbg = meta.get("nbgrader") if type(meta) is dict else None
        gid = nbg.get("grade_id") if type(nbg) is dict else None
        if type(gid) is not str:
            continue
        if gid in seen:
            raise SubmissionError(
                f"the grade id {gid!r} appears twice in {path.name}: a cell was copied with its metadata. "
                "Start again from a fresh copy of the released notebook."
            )
        seen.add(gid)
        if gid in release.answer_ids:
            found[gid] = cell_source(cell)
    if not seen & ({c.grade_id for c in release.cells if c.grade_id}):
        raise SubmissionError(
            f"{path.name} has none of the cells of {release.assignment}: is it another assignment?"
        )
    return found


def rebuild(release: Release, student: dict[str, str]) -> list[Cell]:
    """The cells to run: the release, with the student's sources in the solution cells."""
    out = []
    for c in release.cells:
        if c.kind in ("solution", "manual"):
            c = Cell(c.kind, student.get(c.grade_id, c.stub), c.grade_id, c.points, c.stub, c.cell_type)
        out.append(c)
    return out
