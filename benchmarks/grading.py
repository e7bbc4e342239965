"""Time grading a class of 30 against plain nbgrader and against executing the notebooks bare.

    .venv/bin/python benchmarks/grading.py [assignment] [--students 30] [--repeat 1]

The class is a third correct (the solution), a third blank (the release) and a third wrong (one
mutant of tests/mutants/ each). Four runs over the same 30 files, one after another:
`visiondl grade --jobs 1`, `visiondl grade --jobs 2`, plain `nbgrader autograde` on a throw-away
copy of the course (`generate_assignment` is done before the clock starts), and the notebooks
executed bare with nbclient one after another (no grading at all: the floor). Prints a markdown
table for BENCHMARKS.md. Run it on an otherwise idle machine. `--repeat K` grades with visiondl K times
(`--jobs 1` and `--jobs 2` interleaved) and reports the medians: one run each is within run-to-run spread.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from visiondl.course import nbgrader, prepare

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from course_suite import mutant_target, mutants, source_notebook, with_cells  # noqa: E402


def make_class(assignment: str, students: int, folder: Path) -> list[Path]:
    """Write `students` submissions (right, blank, wrong in turn) as folder/studentNN/<assignment>.ipynb."""
    source = source_notebook(assignment)
    blank = ROOT / "course" / assignment / f"{assignment}.ipynb"
    wrong = mutants(assignment)
    subs = []
    for i in range(students):
        out = folder / f"student{i:02d}" / f"{assignment}.ipynb"
        out.parent.mkdir(parents=True)
        if i % 3 == 0:
            shutil.copyfile(source, out)
        elif i % 3 == 1:
            shutil.copyfile(blank, out)
        else:
            mutant = wrong[(i // 3) % len(wrong)]
            with_cells(source, {mutant_target(mutant): mutant.read_text()}, out)
        subs.append(out)
    return subs


def visiondl_grade(subs: list[Path], jobs: int) -> float:
    cmd = [
        sys.executable,
        "-m",
        "visiondl.cli",
        "grade",
        "--json",
        "--course",
        str(ROOT),
        "--jobs",
        str(jobs),
    ]
    start = time.perf_counter()
    done = subprocess.run([*cmd, *map(str, subs)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"visiondl grade failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds


def plain_nbgrader(subs: list[Path], assignment: str, work: Path) -> float:
    work.mkdir(parents=True)
    prepare(work, ROOT, assignment)
    for sub in subs:
        target = work / "submitted" / sub.parent.name / assignment / sub.name
        target.parent.mkdir(parents=True)
        shutil.copyfile(sub, target)
    start = time.perf_counter()
    nbgrader(work, "autograde", assignment, "--force", NBGRADER_EXECUTION="autograde")
    return time.perf_counter() - start


def bare(subs: list[Path]) -> float:
    """Execute each submission with nbclient, under the grading budget, no grading at all."""
    # as the grader's kernels: shrunk budgets, static widgets (a headless live widget can block)
    env = {**os.environ, "NBGRADER_EXECUTION": "autograde", "VISIONDL_STATIC_WIDGETS": "1"}
    start = time.perf_counter()
    for sub in subs:
        one = time.perf_counter()
        nb = nbformat.read(sub, as_version=4)
        client = NotebookClient(
            nb, timeout=300, kernel_name="python3", allow_errors=True, env=env,
            resources={"metadata": {"path": str(sub.parent)}},
        )  # fmt: skip
        client.execute()
        print(f"bare {sub.parent.name}: {time.perf_counter() - one:.1f} s", file=sys.stderr)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignment", nargs="?", default="01_perceptron")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="grade with visiondl this many times, --jobs 1 and 2 interleaved (median)",
    )
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one math thread per kernel, as the suite grades
    with tempfile.TemporaryDirectory(prefix="visiondl-bench-") as tmp:
        subs = make_class(args.assignment, args.students, Path(tmp) / "class")
        runs: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(args.repeat):
            for jobs in runs:
                runs[jobs].append(visiondl_grade(subs, jobs))
        print(
            "visiondl runs (s): "
            + "; ".join(f"--jobs {j}: {', '.join(f'{t:.1f}' for t in ts)}" for j, ts in runs.items())
        )
        times = {
            "`visiondl grade --jobs 1`": statistics.median(runs[1]),
            "`visiondl grade --jobs 2`": statistics.median(runs[2]),
            "plain `nbgrader autograde`": plain_nbgrader(subs, args.assignment, Path(tmp) / "nbgrader"),
            "executed bare (nbclient, no grading)": bare(subs),
        }
    n = args.students
    print(f"{args.assignment}, {n} submissions (right / blank / wrong), {os.cpu_count()} cores, "
          f"{platform.python_version()}, {time.strftime('%Y-%m-%d')}\n")  # fmt: skip
    print("| run | seconds | submissions per minute |\n|---|---:|---:|")
    for name, seconds in times.items():
        print(f"| {name} | {seconds:.0f} | {60 * n / seconds:.1f} |")
    one, two = times["`visiondl grade --jobs 1`"], times["`visiondl grade --jobs 2`"]
    floor, plain = times["executed bare (nbclient, no grading)"], times["plain `nbgrader autograde`"]
    print(f"\nspeed-up of 2 jobs: {one / two:.2f}×; grading over bare execution: {two / floor:.2f}× "
          f"(jobs 2), {one / floor:.2f}× (jobs 1); plain nbgrader over visiondl --jobs 2: {plain / two:.2f}×")  # fmt: skip


if __name__ == "__main__":
    main()
