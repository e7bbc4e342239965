"""Mutation testing of the notebooks' tests: how many systematic mutants of each solution does its test kill?

    python benchmarks/mutation.py [01_perceptron ...] [--max-per-cell N] [--jobs N] [--verify K]

For every solution cell of source/<assignment>/<assignment>.ipynb, `mutation_ops.mutants` makes the
single-point mutants of the code between the solution markers (comparison flips, operator swaps,
off-by-one constants, dropped terms, axis and dtype changes, dropped `.to()`/`.eval()`/... calls,
wrong returns). Grading is the fast path, not the sandboxed `visiondl grade`: the notebook's locked
cells (setup, references) and solution cells run once in this process; each mutant then runs in a
forked child that executes the mutated cell and the exercise's test cell `test_<grade_id>` (visible
and hidden checks). The mutant is killed when that test cell raises (or runs past the time limit).
Try-it and training cells never run: test cells build their own inputs.
`--verify K` grades K mutants per notebook with `visiondl.grading.grade` too and reports whether the
two verdicts agree. Mutants listed in benchmarks/mutation_equivalent.json (by hand, with why) are
left out of the rate. Results merge into benchmarks/mutation-latest.json, and the report over every
notebook recorded there is printed and written to benchmarks/mutation-latest.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutation_grade import controls_pass, grade_fast, read_notebook, run_prelude
from mutation_ops import mutants

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
EQUIVALENT = HERE / "mutation_equivalent.json"
LATEST = HERE / "mutation-latest"


@dataclass
class Result:
    grade_id: str
    id: str
    status: str  # killed | survived | timeout | equivalent
    seconds: float
    message: str = ""
    diff: str = ""


def equivalents() -> dict[tuple[str, str, str], str]:
    entries = json.loads(EQUIVALENT.read_text()) if EQUIVALENT.is_file() else []
    return {(e["assignment"], e["grade_id"], e["mutant"]): e["why"] for e in entries}


def dump(records: dict) -> str:
    """The results as JSON, one mutant a line (small, and a re-run's git diff shows the changed verdicts)."""
    parts = []
    for assignment, record in sorted(records.items()):
        head = json.dumps({k: v for k, v in record.items() if k != "results"})[:-1]
        rows = ",\n  ".join(json.dumps(r, ensure_ascii=False) for r in record["results"])
        parts.append(f'{json.dumps(assignment)}: {head}, "results": [\n  {rows}\n ]}}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def mark_equivalent(records: dict, known: dict | None = None) -> dict:
    """A copy of `records` where the mutants listed as equivalent have status "equivalent" and the reason."""
    known = equivalents() if known is None else known
    marked = json.loads(json.dumps(records))
    for assignment, record in marked.items():
        for r in record["results"]:
            why = known.get((assignment, r["grade_id"], r["id"]))
            if why:
                r.update(status="equivalent", message=f"{why} (fast path: {r['status']})")
    return marked


def mutate_notebook(
    path: Path,
    max_per_cell: int | None = None,
    workers: int = 2,
    timeout: float = 120,
) -> dict:
    """Grade every mutant of one source notebook; a JSON-able record with the per-mutant results."""
    prelude, exercises = read_notebook(path)
    start, cwd = time.monotonic(), os.getcwd()
    try:
        namespace = run_prelude(prelude, path)
        controls = controls_pass(namespace, exercises, workers, timeout)
        jobs, names = [], []
        for exercise, (status, seconds, message) in zip(exercises, controls):
            if status != "survived":
                print(f"  {exercise.grade_id}: the solution fails its own test in the fast path: {message}")
                continue
            found = mutants(exercise.source)
            if max_per_cell and len(found) > max_per_cell:
                found = sorted(random.Random(exercise.grade_id).sample(found, max_per_cell), key=found.index)
            limit = min(timeout, max(10.0, 10 * seconds))
            for mutant in found:
                jobs.append((exercise, mutant.source, limit))
                names.append((exercise, mutant))
        verdicts = grade_fast(namespace, jobs, workers)
    finally:
        os.chdir(cwd)
    results = []
    for (exercise, mutant), (status, seconds, message) in zip(names, verdicts):
        diff = mutant.diff(exercise.source) if status == "survived" else ""  # keeps the JSON small
        message = message[:100]
        results.append(Result(exercise.grade_id, mutant.id, status, round(seconds, 2), message, diff))
    failed = [e.grade_id for e, c in zip(exercises, controls) if c[0] != "survived"]
    return {
        "exercises": [e.grade_id for e in exercises],
        "with_plain_cells": [e.grade_id for e in exercises if e.context],
        "control_fails": failed,
        "seconds": round(time.monotonic() - start, 1),
        "results": [asdict(r) for r in results],
    }


def verify(assignment: str, record: dict, count: int, workers: int) -> dict:
    """Grade `count` of the notebook's mutants with visiondl.grading.grade; how often the verdicts agree."""
    from visiondl import grading

    path = ROOT / "source" / assignment / f"{assignment}.ipynb"
    graded = [r for r in record["results"] if r["status"] in ("killed", "survived")]
    survivors = [r for r in graded if r["status"] == "survived"]
    others = [r for r in graded if r["status"] == "killed"]
    rng = random.Random(assignment)
    sample = rng.sample(survivors, min(len(survivors), count // 2))
    sample += rng.sample(others, min(len(others), count - len(sample)))
    by_id = {(e.grade_id, m.id): m for e in read_notebook(path)[1] for m in mutants(e.source)}
    with tempfile.TemporaryDirectory(prefix="visiondl-mutation-") as tmp:
        files = []
        for i, r in enumerate(sample):
            nb = nbformat.read(path, as_version=4)
            cell = next(
                c
                for c in nb.cells
                if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == r["grade_id"]
            )
            cell.source = by_id[(r["grade_id"], r["id"])].source
            files.append(Path(tmp) / str(i) / f"{assignment}.ipynb")
            files[-1].parent.mkdir()
            nbformat.write(nb, files[-1])
        start = time.monotonic()
        reports = grading.grade(files, course=ROOT, jobs=workers) if files else []
    disagree = [
        {
            "grade_id": r["grade_id"],
            "id": r["id"],
            "fast": r["status"],
            "full_lost": rep.lost(f"test_{r['grade_id']}"),
        }
        for r, rep in zip(sample, reports)
        if (r["status"] == "killed") != rep.lost(f"test_{r['grade_id']}")
    ]
    return {
        "sampled": len(sample),
        "agree": len(sample) - len(disagree),
        "disagree": disagree,
        "seconds": round(time.monotonic() - start, 1),
    }


def rate(results: list[dict]) -> tuple[int, int, int, str]:
    """(mutants, equivalent, killed, rate) where the rate leaves the equivalent ones out."""
    total = len(results)
    equivalent = sum(r["status"] == "equivalent" for r in results)
    killed = sum(r["status"] in ("killed", "timeout") for r in results)
    counted = total - equivalent
    return total, equivalent, killed, f"{100 * killed / counted:.1f} %" if counted else "–"


def render(records: dict) -> str:
    lines = [
        "# Mutation testing of the notebooks' tests",
        "",
        "Written by `python benchmarks/mutation.py` (fast path: the mutated solution cell and its test cell",
        "`test_<exercise>` in a forked copy of the notebook's namespace; killed = the test cell raises or times out).",
        "Equivalent mutants (benchmarks/mutation_equivalent.json) are left out of the rate.",
        "",
        "| notebook | exercise | mutants | equivalent | killed | survived | kill rate |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for assignment, record in sorted(records.items()):
        for exercise in record["exercises"]:
            rows = [r for r in record["results"] if r["grade_id"] == exercise]
            if exercise in record["control_fails"]:
                lines.append(f"| {assignment} | {exercise} | – | – | – | – | solution fails (fast path) |")
                continue
            total, eq, killed, pct = rate(rows)
            lines.append(
                f"| {assignment} | {exercise} | {total} | {eq} | {killed} | {total - eq - killed} | {pct} |"
            )
        total, eq, killed, pct = rate(mark_equivalent({assignment: record})[assignment]["results"])
        lines.append(
            f"| **{assignment}** | **all** ({record['seconds']} s) | **{total}** | **{eq}** | **{killed}** | **{total - eq - killed}** | **{pct}** |"
        )
    checks = {a: r["verify"] for a, r in records.items() if r.get("verify")}
    if checks:
        lines += ["", "Fast path vs `visiondl.grading.grade` on a sample (half survivors):", ""]
        for assignment, v in sorted(checks.items()):
            lines.append(
                f"- {assignment}: {v['agree']}/{v['sampled']} agree ({v['seconds']} s of full grading)"
            )
            lines += [
                f"  - disagree: {d['grade_id']} `{d['id']}` fast={d['fast']} full_lost={d['full_lost']}"
                for d in v["disagree"]
            ]
    lines += ["", "## Surviving mutants", ""]
    for assignment, record in sorted(records.items()):
        survivors = [r for r in record["results"] if r["status"] == "survived"]
        if survivors:
            lines += [f"### {assignment} ({len(survivors)})", ""]
        for r in survivors:
            diff = [f"  {d}" for d in r["diff"].splitlines()]
            lines += [f"- **{r['grade_id']}** {r['id'].split(':')[0]}", "  ```diff", *diff, "  ```"]
        if survivors:
            lines.append("")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    # Set here, not on import: the test suite imports this module, and its environment reaches the
    # JupyterLab servers of the browser tests (MPLBACKEND=Agg there hides every figure).
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("MPLBACKEND", "Agg")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", help="default: every assignment in source/")
    parser.add_argument(
        "--max-per-cell", type=int, default=None, help="sample at most N mutants per solution cell"
    )
    parser.add_argument("--jobs", type=int, default=2, help="mutants graded at once")
    parser.add_argument("--timeout", type=float, default=120, help="seconds one mutant may run at most")
    parser.add_argument(
        "--verify", type=int, default=0, help="also grade K mutants per notebook with visiondl grade"
    )
    parser.add_argument(
        "--no-save", action="store_true", help="print only; do not update benchmarks/mutation-latest.*"
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite the report from mutation-latest.json (after editing the equivalents)",
    )
    args = parser.parse_args(argv)
    names = args.assignments or sorted(p.name for p in (ROOT / "source").iterdir() if p.name[:2].isdigit())
    records = (
        json.loads(LATEST.with_suffix(".json").read_text()) if LATEST.with_suffix(".json").is_file() else {}
    )
    for assignment in [] if args.report_only else names:
        print(f"{assignment}: mutating ...", flush=True)
        path = ROOT / "source" / assignment / f"{assignment}.ipynb"
        record = mutate_notebook(path, args.max_per_cell, args.jobs, args.timeout)
        if args.verify:
            record["verify"] = verify(assignment, record, args.verify, args.jobs)
        total, eq, killed, pct = rate(mark_equivalent({assignment: record})[assignment]["results"])
        print(
            f"{assignment}: {killed}/{total - eq} killed ({pct}), {eq} equivalent, {record['seconds']} s",
            flush=True,
        )
        records[assignment] = record
        if not args.no_save:
            LATEST.with_suffix(".json").write_text(dump(records))
    report = render(mark_equivalent({a: records[a] for a in names} if args.no_save else records))
    print(report)
    if not args.no_save:
        LATEST.with_suffix(".md").write_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
