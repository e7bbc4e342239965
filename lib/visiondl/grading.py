"""Grade notebooks without trusting them: the orchestrator of `visiondl grade` and `autograde`.

For a batch of submissions of one assignment, the source notebook is read once
(`visiondl.sanitize.Release`); every submission is then a job for a trusted worker process
(`visiondl.worker`, `jobs` of them in parallel) which rebuilds it from the source with only
the student's answers, runs its cells in a sandboxed kernel (`visiondl.sandbox`) and judges
every test cell, hidden tests included, in the worker itself (`visiondl.verdict`), reaching
the student's functions through `visiondl.proxy`. A submission that cannot be read, matched
or run scores 0 with the reason in `Report.error`; it never stops the others.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from visiondl.course import (  # noqa: F401 - the public API of visiondl.grading
    GradingError,
    assignment_for,
    assignments,
    build,
    find_course,
    grade_ids,
    nbgrader,
    prepare,
)
from visiondl.runner import RESTARTS
from visiondl.sanitize import Release
from visiondl.verdict import failure_message  # noqa: F401

CELL_TIMEOUT = 300  # seconds one cell may run before it is interrupted (an infinite loop, say)


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
    error: str = ""  # why the submission could not be graded (it then scores 0)
    sandbox: str = ""  # "bwrap", or "fallback" (weaker isolation: see visiondl.sandbox)
    events: list[str] = field(default_factory=list)  # cells left out, fresh kernels (visiondl.runner)

    def lost(self, grade_id: str) -> bool:
        """Tell whether the graded cell `grade_id` scored less than its maximum."""
        return any(t.grade_id == grade_id and t.points < t.max_points for t in self.tests)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)


@dataclass
class Limits:
    """Per-cell time limit (seconds), per-kernel memory limit (GiB, None for none), fresh kernels
    after one is killed, and an optional wall-clock budget per submission (seconds)."""

    timeout: int = CELL_TIMEOUT
    memory_gb: float | None = None
    restarts: int = RESTARTS
    budget: float | None = None


def identify(notebook: Path, course: Path) -> str | None:
    """The assignment a file answers, by its name, else by its grade ids; None when unknown."""
    sources = sorted(course.glob("source/*/*.ipynb"))
    for source in sources:
        if source.stem in notebook.stem:
            return source.parent.name
    try:
        data = json.loads(notebook.read_bytes())
        ids = {
            c["metadata"]["nbgrader"]["grade_id"]
            for c in data["cells"]
            if "nbgrader" in c.get("metadata", {})
        }
    except Exception:  # noqa: BLE001 - unreadable: decided later, with the reason
        return None
    for source in sources:
        if ids and ids <= grade_ids(source):
            return source.parent.name
    return None


def why_not(notebook: Path, course: Path) -> str:
    """Why `notebook` cannot be matched to an assignment of `course`."""
    if not notebook.is_file():
        return f"{notebook} does not exist."
    try:
        json.loads(notebook.read_bytes())
    except (OSError, ValueError) as error:
        return (
            f"{notebook} is not a readable notebook ({type(error).__name__}: {str(error)[:200]}). "
            "Download a fresh copy from course/ and paste your answers in."
        )
    return (
        f"{notebook.name} does not match any notebook in {course / 'source'}: "
        "keep the file name of the released notebook (e.g. 01_perceptron.ipynb)."
    )


def error_report(notebook: Path, release: Release, reason: str) -> Report:
    tests = [TestResult(c.grade_id, 0.0, c.points, reason) for c in release.tests]
    return Report(str(notebook), 0.0, sum(c.points for c in release.tests), tests, [], reason)


def grade(
    notebooks: list[Path],
    course: Path | None = None,
    limits: Limits | None = None,
    keep: Path | None = None,
    jobs: int = 1,
    scheduler=None,
) -> list[Report]:
    """Grade the submissions of one assignment (hidden tests included); one Report each, in order.

    Raises GradingError only when no course is found or no notebook can be matched to an
    assignment; a broken, missing or mismatched submission gets a Report with `error`.
    With `keep`, the executed notebooks are written there as `000.ipynb`, `001.ipynb`, ….
    With `scheduler` (a Dask scheduler address, or a `distributed.Client`), the submissions are
    graded as tasks of that cluster (`visiondl.scale`) instead of `jobs` local worker processes.
    """
    notebooks = [Path(nb) for nb in notebooks]
    course = (course or find_course(notebooks[0].parent)).resolve()
    found = {i: identify(nb, course) for i, nb in enumerate(notebooks) if nb.is_file()}
    counts = Counter(a for a in found.values() if a)
    if not counts:
        raise GradingError(" ".join(why_not(nb, course) for nb in notebooks))
    assignment = counts.most_common(1)[0][0]
    release = Release.load(course, assignment)
    reports: dict[int, Report] = {}
    todo = []
    for i, nb in enumerate(notebooks):
        if not nb.is_file():
            reports[i] = error_report(nb, release, f"{nb} does not exist.")
        elif found[i] not in (None, assignment):
            reports[i] = error_report(nb, release, f"{nb.name} answers {found[i]}, not {assignment}.")
        else:
            todo.append(i)
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    hide = sorted(
        {
            str(course),
            *(str(nb.resolve().parent) for nb in notebooks),
            *([str(keep.resolve())] if keep else []),
        }
    )
    with tempfile.TemporaryDirectory(prefix="visiondl-grade-") as tmp:
        spec = Path(tmp) / "release.json"
        spec.write_text(release.to_json())
        queue_ = [(i, notebooks[i], keep / f"{i:03d}.ipynb" if keep else None) for i in todo]
        if scheduler is not None:
            from visiondl.scale import run_on_dask

            results = run_on_dask(queue_, spec, limits or Limits(), hide + [tmp], scheduler)
        else:
            results = run_jobs(queue_, spec, limits or Limits(), hide + [tmp], jobs)
    for i, result in results.items():
        tests = [TestResult(*t) for t in result.get("tests", [])]
        if result.get("error") and not tests:
            reports[i] = error_report(notebooks[i], release, result["error"])
            continue
        reports[i] = Report(
            str(notebooks[i]),
            sum(t.points for t in tests),
            sum(t.max_points for t in tests),
            tests,
            result.get("manual", []),
            result.get("error", ""),
            result.get("sandbox", ""),
            result.get("events", []),
        )
    return [reports[i] for i in range(len(notebooks))]


def run_jobs(jobs_list: list, spec: Path, limits: Limits, hide: list[str], jobs: int) -> dict[int, dict]:
    """Grade each (index, notebook, keep) in one of `jobs` worker processes; results by index."""
    todo: queue.Queue = queue.Queue()
    for job in jobs_list:
        todo.put(job)
    results: dict[int, dict] = {}
    import visiondl

    lib = str(Path(visiondl.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([lib, os.environ.get("PYTHONPATH", "")])}
    args = [json.dumps(asdict(limits)), json.dumps(hide)]

    def serve():
        worker = None
        while True:
            try:
                i, nb, keep_path = todo.get_nowait()
            except queue.Empty:
                break
            if worker is None or worker.poll() is not None:
                cmd = [sys.executable, "-m", "visiondl.worker", str(spec), *args]
                worker = subprocess.Popen(
                    cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
                )
            job = {"notebook": str(nb), "keep": str(keep_path) if keep_path else None}
            try:
                worker.stdin.write(json.dumps(job) + "\n")
                worker.stdin.flush()
                line = worker.stdout.readline()
                results[i] = json.loads(line)
            except (OSError, ValueError):
                results[i] = {"tests": [], "error": "the grading worker failed on this submission"}
                worker.kill()
                worker = None
        if worker is not None:
            worker.stdin.close()
            worker.wait()

    threads = [threading.Thread(target=serve) for _ in range(max(1, min(jobs, len(jobs_list))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def format_table(report: Report) -> str:
    """Format a Report as the score table printed by `visiondl grade`."""
    width = max([len(t.grade_id) for t in report.tests] + [10])
    lines = [f"{Path(report.notebook).name}: {report.score:g} / {report.max_score:g} points", ""]
    if report.error:
        lines += [f"  NOT GRADED: {report.error}", ""]
    lines.append(f"  {'test':<{width}}  points   message")
    for t in report.tests:
        mark = "ok " if t.points >= t.max_points else "LOST"
        first, *rest = (t.message or "").splitlines() or [""]
        lines.append(f"  {t.grade_id:<{width}}  {t.points:g}/{t.max_points:g} {mark}  {first}")
        lines += [f"  {'':<{width}}             {line}" for line in rest]
    if report.events:
        lines += ["", "  What happened: " + "; ".join(report.events)]
    if report.manual:
        lines += ["", "  Written answers, graded by a person (not in the score): " + ", ".join(report.manual)]
    if report.sandbox.startswith("fallback"):
        who = "user nobody" if report.sandbox == "fallback" else "the grader's own user"
        lines += ["", f"  Note: graded without bubblewrap (weaker isolation: rlimits, own session, {who})."]
    return "\n".join(lines)
