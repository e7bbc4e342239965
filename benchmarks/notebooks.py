"""Time every source notebook end to end and write the table into BENCHMARKS.md.

    .venv/bin/python benchmarks/notebooks.py [01_perceptron ...]
    .venv/bin/python benchmarks/notebooks.py --solutions   # read the times of the last `make build`

For each notebook: one run in its default mode (as a student runs it; the CPU budget,
or the GPU budget where torch sees one) and one `visiondl grade` of the solution (nbgrader
autograde with hidden tests, training budgets shrunk). Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

import nbformat
import torch
from nbclient import NotebookClient

from visiondl import grading, runtime

ROOT = Path(__file__).resolve().parents[1]
BUDGET = {  # the notebooks that train networks; others: 60 s
    **dict.fromkeys(
        ["05_lenet", "07_learning_rates", "08_transfer_learning", "09_challenge", "11_inside_cnn"], 180
    )
}


def run_default(path: Path) -> float:
    """Execute a notebook as a student would (no NBGRADER_EXECUTION) and return the seconds."""
    nb = nbformat.read(path, as_version=4)
    env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
    env["VISIONDL_STATIC_WIDGETS"] = "1"  # as `visiondl build` does: headless live widgets can block
    start = time.perf_counter()
    NotebookClient(
        nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}, env=env
    ).execute()
    return time.perf_counter() - start


def run_grade(path: Path) -> tuple[float, str]:
    """Grade the solution notebook and return (seconds, 'score / max')."""
    start = time.perf_counter()
    (report,) = grading.grade([path], course=ROOT)
    return time.perf_counter() - start, f"{report.score:g} / {report.max_score:g}"


def solution_times() -> None:
    """Print how long each executed notebook in solutions/ ran (first cell start to last cell end)."""
    from datetime import datetime

    for path in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        stamps = [c.metadata.get("execution", {}) for c in nbformat.read(path, as_version=4).cells]
        starts = [s["iopub.execute_input"] for s in stamps if "iopub.execute_input" in s]
        ends = [s["shell.execute_reply"] for s in stamps if "shell.execute_reply" in s]
        seconds = (datetime.fromisoformat(max(ends)) - datetime.fromisoformat(min(starts))).total_seconds()
        print(f"| `{path.parent.name}` | {seconds:.0f} s | {BUDGET.get(path.parent.name, 60)} s |")


def main(only: list[str]) -> None:
    rows = []
    for assignment in only or grading.assignments(ROOT):
        path = ROOT / "source" / assignment / f"{assignment}.ipynb"
        default = run_default(path)
        graded, score = run_grade(path)
        budget = BUDGET.get(assignment, 60)
        rows.append(f"| `{assignment}` | {default:.0f} s | {budget} s | {graded:.0f} s | {score} |")
        print(rows[-1], flush=True)
    device = "GPU " + torch.cuda.get_device_name() if runtime.has_gpu() else f"CPU, {os.cpu_count()} cores"
    table = "\n".join(
        [
            f"Measured {time.strftime('%Y-%m-%d')} on {device}, Python {platform.python_version()}, "
            f"torch {torch.__version__}, VISIONDL_DATA={'set' if os.environ.get('VISIONDL_DATA') else 'unset'}.",
            "",
            "| notebook | default run | budget | `visiondl grade` of the solution | score |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )
    print(table)
    (ROOT / "benchmarks" / "latest.md").write_text(table + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("assignments", nargs="*", help="default: every assignment")
    parser.add_argument("--solutions", action="store_true", help="read the times of the last `make build`")
    args = parser.parse_args()
    unknown = sorted(set(args.assignments) - set(grading.assignments(ROOT)))
    if unknown:
        parser.error(f"no such assignment: {', '.join(unknown)} (see source/)")
    solution_times() if args.solutions else main(args.assignments)
