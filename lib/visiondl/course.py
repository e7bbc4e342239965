"""The course folder and plain nbgrader runs: find the course, build course/ and solutions/.

`visiondl build` regenerates the student and solution notebooks from source/ by running
nbgrader (`generate_assignment`, `generate_solution`) in a throw-away course folder.
Student code never runs here except the instructor's own solutions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat


class GradingError(RuntimeError):
    """Grading could not run (no course found, a broken notebook, nbgrader failed)."""


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


def assignments(course: Path) -> list[str]:
    """Return the assignment ids of the course (the folders of source/), in order."""
    return sorted(p.name for p in (course / "source").iterdir() if p.is_dir() and p.name[:2].isdigit())


def build(course: Path, dest: Path, only: list[str] | None = None, solutions: bool = True) -> None:
    """Generate `dest`/course and, when `solutions`, the executed `dest`/solutions from source/.

    `dest` may be the course itself (what `visiondl build` does) or a scratch folder
    (what the staleness test does); only the folders of the built assignments change.
    """
    chosen = only or assignments(course)
    with tempfile.TemporaryDirectory(prefix="visiondl-build-") as tmp:
        work = Path(tmp)
        prepare(work, course, *chosen)
        if solutions:
            nbgrader(work, "generate_solution", every(chosen), "--force", VISIONDL_STATIC_WIDGETS="1")
        for assignment in chosen:
            for kind in ("course", "solutions") if solutions else ("course",):
                target = dest / kind / assignment
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(work / kind / assignment, target)


def every(chosen: list[str]) -> str:
    """The assignment argument of one nbgrader call for all of `chosen` (the only ones in its course):
    nbgrader globs it over source/, so one start-up (about 4 s) serves them all."""
    return chosen[0] if len(chosen) == 1 else "*"


def prepare(work: Path, course: Path, *chosen: str) -> None:
    """Make a throw-away nbgrader course in `work` holding the `chosen` assignments of `course`, released."""
    if not (work / "nbgrader_config.py").exists():
        shutil.copyfile(course / "nbgrader_config.py", work / "nbgrader_config.py")
    for assignment in chosen:
        shutil.copytree(
            course / "source" / assignment,
            work / "source" / assignment,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
        )
    for extra in (course / "source").glob("*.ipynb"):  # the shared header
        shutil.copyfile(extra, work / "source" / extra.name)
    nbgrader(work, "generate_assignment", every(list(chosen)), "--force")


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
    env = {**os.environ, **env, "PATH": env_path()}
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


def env_path(path: str | None = None) -> str:
    """Return PATH with this Python environment's bin/ first.

    nbgrader runs `alembic` and kernels start `python` from PATH, and `.venv/bin/visiondl` or
    `.venv/bin/python -m pytest` may be called from a shell where the environment is not active.
    """
    bin_dir = str(Path(sys.executable).parent)
    rest = os.environ.get("PATH", "") if path is None else path
    return rest if rest.split(os.pathsep)[0] == bin_dir else os.pathsep.join([bin_dir, rest])
