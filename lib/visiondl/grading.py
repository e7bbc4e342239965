"""Run nbgrader for the course: build course/ and solutions/, and grade notebooks.

`visiondl build` regenerates the student and solution notebooks from source/.
`visiondl grade NOTEBOOK.ipynb` grades a notebook without a gradebook of your own.
Both run plain nbgrader in a throw-away course folder; for grading that is
`generate_assignment` from the course's ``source/`` (which stores every test cell,
hidden tests included, in a temporary gradebook), then `autograde` of the copied
notebook(s), which puts the stored test cells back (a student cannot edit or delete
them away), runs the notebook and scores each graded cell.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

CELL_TIMEOUT = 300  # seconds one cell may run before it is interrupted (an infinite loop, say)


class GradingError(RuntimeError):
    """Grading could not run (no course found, a broken notebook, nbgrader failed)."""


@dataclass
class TestResult:
    """The score of one graded cell and, when it lost points, why."""

    grade_id: str
    points: float
    max_points: float
    message: str = ""


@dataclass
class Report:
    """The grade of one notebook: auto-graded tests, plus the cells a person must grade."""

    notebook: str
    score: float
    max_score: float
    tests: list[TestResult]
    manual: list[str] = field(default_factory=list)

    def lost(self, grade_id: str) -> bool:
        """Tell whether the graded cell `grade_id` scored less than its maximum."""
        return any(t.grade_id == grade_id and t.points < t.max_points for t in self.tests)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)


def find_course(start: Path | None = None) -> Path:
    """Return the course root (the folder with nbgrader_config.py and source/).

    Looked for in $VISIONDL_COURSE, then upwards from `start` and from the current
    folder, then next to this package (an editable install of ./lib).
    """
    candidates = [Path(os.environ["VISIONDL_COURSE"])] if os.environ.get("VISIONDL_COURSE") else []
    for base in (start, Path.cwd(), Path(__file__).resolve().parent):
        if base is not None:
            base = base.resolve()
            candidates += [base, *base.parents]
    for folder in candidates:
        if (folder / "nbgrader_config.py").is_file() and (folder / "source").is_dir():
            return folder
    raise GradingError(
        "could not find the course (a folder with nbgrader_config.py and source/). "
        "Run from inside the course folder or set VISIONDL_COURSE to it."
    )


def assignment_for(notebook: Path, course: Path) -> tuple[str, str]:
    """Return (assignment id, notebook name) of the source notebook that `notebook` answers."""
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as error:  # noqa: BLE001 - any unreadable file gets the same advice
        raise GradingError(
            f"{notebook} is not a readable notebook ({type(error).__name__}: {error}). "
            "Download a fresh copy from course/ and paste your answers in."
        ) from error
    ids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells} - {None}
    sources = sorted(course.glob("source/*/*.ipynb"))
    # By file name first ("01_perceptron.ipynb", "01_perceptron (1).ipynb"), then by grade ids.
    for source in sources:
        if source.stem in notebook.stem:
            return source.parent.name, source.name
    for source in sources:
        if ids and ids <= grade_ids(source):
            return source.parent.name, source.name
    raise GradingError(
        f"{notebook.name} does not match any notebook in {course / 'source'}: "
        "keep the file name of the released notebook (e.g. 01_perceptron.ipynb)."
    )


def grade_ids(path: Path) -> set[str]:
    """Return the nbgrader grade ids in a notebook."""
    nb = nbformat.read(path, as_version=4)
    return {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells} - {None}


@dataclass
class Limits:
    """Per-cell time limit (seconds) and per-notebook memory limit (GiB, None for none)."""

    timeout: int = CELL_TIMEOUT
    memory_gb: float | None = None


def grade(
    notebooks: list[Path],
    course: Path | None = None,
    limits: Limits | None = None,
    keep: Path | None = None,
    jobs: int = 1,
) -> list[Report]:
    """Autograde notebooks (hidden tests included) and return one Report each, in order.

    All notebooks must answer the same assignment; each is graded as its own student.
    `jobs` nbgrader runs share them and run in parallel (a whole class on several cores).
    With `keep`, the executed notebooks are copied there as `000.ipynb`, `001.ipynb`, ….
    """
    notebooks = [Path(nb) for nb in notebooks]
    for nb in notebooks:
        if not nb.is_file():
            raise GradingError(f"{nb} does not exist.")
    course = course or find_course(notebooks[0].parent)
    targets = {assignment_for(nb, course) for nb in notebooks}
    if len(targets) != 1:
        raise GradingError(f"these notebooks answer different assignments: {sorted(targets)}")
    ((assignment, name),) = targets
    batches = [list(range(i, len(notebooks), jobs)) for i in range(min(jobs, len(notebooks)))]
    run = lambda batch: grade_batch(  # noqa: E731
        {i: notebooks[i] for i in batch}, course, assignment, name, limits or Limits(), keep
    )
    with ThreadPoolExecutor(len(batches)) as pool:
        reports = {i: r for done in pool.map(run, batches) for i, r in done.items()}
    return [reports[i] for i in range(len(notebooks))]


def grade_batch(
    notebooks: dict[int, Path], course, assignment, name, limits: Limits, keep
) -> dict[int, Report]:
    """Grade some notebooks of one assignment in one scratch course; keyed by their index."""
    with tempfile.TemporaryDirectory(prefix="visiondl-grade-") as tmp:
        work = Path(tmp)
        prepare(work, course, assignment)
        for i, nb in notebooks.items():
            folder = work / "submitted" / f"s{i:03d}" / assignment
            folder.mkdir(parents=True)
            shutil.copyfile(nb, folder / name)
        nbgrader(
            work,
            "autograde",
            assignment,
            "--force",
            f"--Execute.timeout={limits.timeout}",
            memory_gb=limits.memory_gb,
        )
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            for i in notebooks:
                shutil.copyfile(
                    work / "autograded" / f"s{i:03d}" / assignment / name, keep / f"{i:03d}.ipynb"
                )
        return {i: read_report(work, assignment, name, f"s{i:03d}", nb) for i, nb in notebooks.items()}


def prepare(work: Path, course: Path, assignment: str) -> None:
    """Make a throw-away nbgrader course in `work` holding one assignment of `course`."""
    if not (work / "nbgrader_config.py").exists():
        shutil.copyfile(course / "nbgrader_config.py", work / "nbgrader_config.py")
    shutil.copytree(
        course / "source" / assignment,
        work / "source" / assignment,
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
    )
    for extra in (course / "source").glob("*.ipynb"):  # the shared header
        shutil.copyfile(extra, work / "source" / extra.name)
    nbgrader(work, "generate_assignment", assignment, "--force")


def assignments(course: Path) -> list[str]:
    """Return the assignment ids of the course (the folders of source/), in order."""
    return sorted(p.name for p in (course / "source").iterdir() if p.is_dir() and p.name[:2].isdigit())


def build(course: Path, dest: Path, only: list[str] | None = None, solutions: bool = True) -> None:
    """Generate `dest`/course and, when `solutions`, the executed `dest`/solutions from source/.

    `dest` may be the course itself (what `visiondl build` does) or a scratch folder
    (what the staleness test does); only the folders of the built assignments change.
    """
    with tempfile.TemporaryDirectory(prefix="visiondl-build-") as tmp:
        work = Path(tmp)
        for assignment in only or assignments(course):
            prepare(work, course, assignment)
            if solutions:
                nbgrader(work, "generate_solution", assignment, "--force", VISIONDL_STATIC_WIDGETS="1")
            for kind in ("course", "solutions") if solutions else ("course",):
                target = dest / kind / assignment
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(work / kind / assignment, target)


def nbgrader(work: Path, command: str, *args: str, memory_gb: float | None = None, **env: str) -> None:
    """Run one nbgrader command in `work` with its own gradebook; raise GradingError on failure.

    With `memory_gb`, nbgrader and the kernels it starts may not hold more data than that.
    Keyword arguments are extra environment variables for nbgrader and its kernels.
    """
    cmd = [
        sys.executable,
        "-m",
        "nbgrader",
        command,
        *args,
        f"--CourseDirectory.root={work}",
        f"--CourseDirectory.db_url=sqlite:///{work}/gradebook.db",
    ]
    # nbgrader calls `alembic`, and kernels start `python`, from PATH: put this environment first.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, **env, "PATH": path}
    limit = None if memory_gb is None else int(memory_gb * 2**30)
    run = subprocess.run(
        cmd,
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limit and (lambda: limit_memory(limit)),
    )
    if run.returncode != 0 or "[ERROR]" in run.stderr:
        log = (run.stdout + run.stderr)[-3000:]
        raise GradingError(f"nbgrader {command} failed (exit {run.returncode}):\n{log}")


def limit_memory(limit: int) -> None:
    """Cap the data segment of this process and its children (RLIMIT_DATA) at `limit` bytes."""
    import resource

    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def read_report(work: Path, assignment: str, name: str, student: str, original: Path) -> Report:
    """Read one student's scores from the gradebook and failure messages from the outputs."""
    from nbgrader.api import Gradebook

    graded = nbformat.read(work / "autograded" / student / assignment / name, as_version=4)
    messages = {
        c.metadata["nbgrader"].get("grade_id"): failure_message(c)
        for c in graded.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }
    tests, manual = [], []
    with Gradebook(f"sqlite:///{work}/gradebook.db") as gb:
        submission = gb.find_submission_notebook(Path(name).stem, assignment, student)
        for g in sorted(submission.grades, key=lambda g: order(graded, g.name)):
            if g.cell_type == "markdown" or g.auto_score is None:  # written answers
                manual.append(g.name)
            else:
                tests.append(
                    TestResult(g.name, float(g.auto_score), float(g.max_score), messages.get(g.name, ""))
                )
    score = sum(t.points for t in tests)
    return Report(str(original), score, sum(t.max_points for t in tests), tests, manual)


def order(nb, grade_id: str) -> int:
    """Position of the cell `grade_id` in the notebook (to list results top to bottom)."""
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    return ids.index(grade_id) if grade_id in ids else len(ids)


def failure_message(cell) -> str:
    """Return why a graded code cell failed: its error or its stderr, else ''."""
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            if output.ename == "CellTimeoutError" or output.ename == "KeyboardInterrupt":
                return "the cell ran past the time limit and was stopped: look for a loop that never ends."
            if output.ename == "MemoryError" or "Unable to allocate" in output.evalue:
                return "the cell ran out of memory (over the grading limit): use smaller arrays."
            if output.ename == "NotImplementedError":
                return "not answered yet (the function still raises NotImplementedError)."
            return f"{output.ename}: {output.evalue}".strip()
        if output.output_type == "stream" and output.name == "stderr":
            text = output.text.strip().splitlines()
            return "the cell wrote to stderr, which nbgrader scores as 0: " + (text[-1] if text else "")
    return ""


def format_table(report: Report) -> str:
    """Format a Report as the score table printed by `visiondl grade`."""
    width = max([len(t.grade_id) for t in report.tests] + [10])
    lines = [f"{Path(report.notebook).name}: {report.score:g} / {report.max_score:g} points", ""]
    lines.append(f"  {'test':<{width}}  points   message")
    for t in report.tests:
        mark = "ok " if t.points >= t.max_points else "LOST"
        first, *rest = (t.message or "").splitlines() or [""]
        lines.append(f"  {t.grade_id:<{width}}  {t.points:g}/{t.max_points:g} {mark}  {first}")
        lines += [f"  {'':<{width}}             {line}" for line in rest]
    if report.manual:
        lines += ["", "  Written answers, graded by a person (not in the score): " + ", ".join(report.manual)]
    return "\n".join(lines)
