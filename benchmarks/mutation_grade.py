"""Fast grading of one exercise's variants: the notebook's setup once, each variant in a forked child.

The locked cells (setup, references) and solution cells of a source notebook run once in this
process (`run_prelude`); `grade_fast` then forks a child per (exercise, cell source) that runs the
cell and the exercise's test cell `test_<grade_id>` (visible and hidden checks) in its copy of that
namespace and reports whether the test cell raised, `workers` children at once, each with a time
limit. Try-it and training cells are skipped; a test (or solution) that reads a global bound by a
plain cell gets just the plain cells that bind it (`Exercise.context`).
"""

from __future__ import annotations

import ast
import builtins
import json
import os
import select
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat


@dataclass
class Exercise:
    grade_id: str
    source: str  # the solution cell
    test: str  # the test cell test_<grade_id>
    before: list[str]  # the plain (try-it, demo) cells before the solution cell, and
    after: list[str]  # those between it and the test cell: run only when the test needs them
    context: bool = False


def read_notebook(path: Path) -> tuple[list[tuple[str, str]], list[Exercise]]:
    """(grade_id, source) of the cells to run first (locked and solution, in order), and the exercises."""
    nb = nbformat.read(path, as_version=4)
    meta = [(c, c.get("metadata", {}).get("nbgrader", {})) for c in nb.cells if c.cell_type == "code"]
    tests = {m["grade_id"]: c.source for c, m in meta if m.get("grade")}
    prelude = [
        (m["grade_id"], c.source)
        for c, m in meta
        if m.get("solution") or (m.get("locked") and not m.get("grade"))
    ]
    exercises = []
    for i, (cell, m) in enumerate(meta):
        test = f"test_{m.get('grade_id')}"
        if m.get("solution") and test in tests:
            end = next(j for j, (_, n) in enumerate(meta) if n.get("grade_id") == test)
            plain = [j for j, (_, n) in enumerate(meta) if not n and j < end]
            before = [meta[j][0].source for j in plain if j < i]
            after = [meta[j][0].source for j in plain if j > i]
            exercises.append(Exercise(m["grade_id"], cell.source, tests[test], before, after))
    return prelude, exercises


def _names(source: str) -> tuple[set[str], set[str]]:
    """(names a cell reads, names it binds), at any depth."""
    reads, binds = set(), set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            (reads if isinstance(node.ctx, ast.Load) else binds).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            binds.add(node.name)
    return reads, binds


def _needed_cells(exercise: Exercise, namespace: dict) -> list[str]:
    """The plain cells that bind, directly or through each other, a name the test or solution reads."""
    missing = (_names(exercise.test)[0] | _names(exercise.source)[0]) - set(namespace) - set(dir(builtins))
    chosen: list[str] = []
    changed = True
    while changed:
        changed = False
        for cell in exercise.before + exercise.after:
            reads, binds = _names(cell)
            if cell not in chosen and binds & missing:
                chosen.append(cell)
                missing |= reads - set(namespace) - set(dir(builtins))
                changed = True
    return chosen


def run_prelude(prelude: list[tuple[str, str]], path: Path) -> dict:
    """Run the locked and solution cells once, in the notebook's folder; the namespace children inherit."""
    namespace: dict = {"__name__": "__main__"}
    os.chdir(path.parent)
    for grade_id, source in prelude:
        exec(compile(source, f"<{grade_id}>", "exec"), namespace)
    if "torch" in sys.modules:  # one math thread per forked child
        sys.modules["torch"].set_num_threads(1)
    return namespace


def _child(namespace: dict, cell: str, exercise: Exercise, write_fd: int) -> None:
    """In a forked child: run the (mutated) cell and the test cell, report, and exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    try:
        for plain in exercise.before if exercise.context else []:
            _run_quietly(plain, namespace)
        exec(compile(cell, f"<{exercise.grade_id}>", "exec"), namespace)
        for plain in exercise.after if exercise.context else []:
            _run_quietly(plain, namespace)
        exec(compile(exercise.test, f"<test_{exercise.grade_id}>", "exec"), namespace)
        report = {"killed": False, "message": ""}
    except BaseException as error:  # noqa: BLE001 - any failure of the test cell kills the mutant
        report = {"killed": True, "message": f"{type(error).__name__}: {error}"[:400]}
    os.write(write_fd, json.dumps(report).encode()[:60000])
    os._exit(0)


def _run_quietly(source: str, namespace: dict) -> None:
    """Run a try-it cell as a notebook run would: an error is shown and the next cell runs."""
    try:
        exec(compile(source, "<plain cell>", "exec"), namespace)
    except Exception:  # noqa: BLE001
        pass


def grade_fast(
    namespace: dict, jobs: list[tuple[Exercise, str, float]], workers: int
) -> list[tuple[str, float, str]]:
    """(status, seconds, message) for each (exercise, cell source, timeout), `workers` forked children at once."""
    results: list = [None] * len(jobs)
    running: dict[int, tuple[int, int, float]] = {}  # pid -> (job index, read fd, start)
    todo = list(range(len(jobs)))
    sys.stdout.flush()
    while todo or running:
        while todo and len(running) < workers:
            index = todo.pop(0)
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                _child(namespace, jobs[index][1], jobs[index][0], write_fd)
            os.close(write_fd)
            running[pid] = (index, read_fd, time.monotonic())
        for pid, (index, read_fd, start) in list(running.items()):
            elapsed = time.monotonic() - start
            done, _ = os.waitpid(pid, os.WNOHANG)
            if not done and elapsed > jobs[index][2]:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                results[index] = ("timeout", elapsed, f"ran past {jobs[index][2]:.0f} s")
            elif done:
                data = os.read(read_fd, 65536) if select.select([read_fd], [], [], 0)[0] else b""
                report = json.loads(data) if data else {"killed": True, "message": "the child died"}
                status = "killed" if report["killed"] else "survived"
                results[index] = (status, elapsed, report["message"])
            else:
                continue
            os.close(read_fd)
            del running[pid]
        time.sleep(0.01)
    return results


def controls_pass(namespace: dict, exercises: list[Exercise], workers: int, timeout: float) -> list:
    """Grade each unmutated solution (the control); one that fails gets its plain cells and a second try."""
    controls = grade_fast(namespace, [(e, e.source, timeout) for e in exercises], workers)
    failing = [e for e, c in zip(exercises, controls) if c[0] != "survived"]
    for exercise in failing:  # a test (or solution) that reads globals of plain cells: run those too
        exercise.context = True
        needed = _needed_cells(exercise, namespace)
        exercise.before = [c for c in exercise.before if c in needed]
        exercise.after = [c for c in exercise.after if c in needed]
    if failing:
        again = dict(
            zip(
                [e.grade_id for e in failing],
                grade_fast(namespace, [(e, e.source, timeout) for e in failing], workers),
            )
        )
        controls = [again.get(e.grade_id, c) for e, c in zip(exercises, controls)]
    return controls
