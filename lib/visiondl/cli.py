"""The `visiondl` command: build the course, grade a notebook, check data and setup."""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

from visiondl import data, grading, runtime
from visiondl.leaderboard import cli as leaderboard_cli


def cmd_build(args: argparse.Namespace) -> int:
    course = grading.find_course()
    for assignment in args.assignments or grading.assignments(course):
        print(f"building {assignment} ...", flush=True)
        grading.build(course, course, only=[assignment], solutions=not args.no_solutions)
    print("course/ and solutions/ are up to date with source/.")
    return 0


def limits_of(args: argparse.Namespace) -> grading.Limits:
    return grading.Limits(args.timeout, args.memory_gb, args.restarts, args.budget)


def add_limits(p: argparse.ArgumentParser, memory_gb: float | None) -> None:
    p.add_argument("--timeout", type=int, default=grading.CELL_TIMEOUT, help="seconds per cell")
    p.add_argument("--memory-gb", type=float, default=memory_gb, help="memory limit per notebook, in GiB")
    p.add_argument(
        "--restarts",
        type=int,
        default=grading.RESTARTS,
        help="fresh kernels per notebook after one is killed (the cell that killed it is left out)",
    )
    p.add_argument("--budget", type=float, help="wall-clock seconds per notebook, all kernels together")


def cmd_grade(args: argparse.Namespace) -> int:
    course = Path(args.course) if args.course else None
    limits = limits_of(args)
    notebooks = [Path(nb) for nb in args.notebooks]
    reports = grading.grade(notebooks, course=course, limits=limits, jobs=args.jobs, scheduler=args.scheduler)
    if args.json:  # one object for one notebook, a list for a class
        objects = [json.loads(r.to_json()) for r in reports]
        print(json.dumps(objects[0] if len(objects) == 1 else objects, indent=2))
    else:
        print("\n\n".join(grading.format_table(r) for r in reports))
    # A class run succeeds when at least one submission was graded; broken ones score 0 in it.
    return 0 if any(not r.error for r in reports) else 2


def cmd_autograde(args: argparse.Namespace) -> int:
    from visiondl import gradebook

    course = Path(args.course).resolve() if args.course else grading.find_course()
    limits = limits_of(args)
    graded = gradebook.autograde(
        course, args.assignment, args.student or None, limits, args.jobs, args.scheduler
    )
    for student, report in graded:
        note = f"  NOT GRADED: {report.error}" if report.error else ""
        print(f"{student:20} {report.score:g} / {report.max_score:g}{note}")
    print(f"recorded in {course / 'gradebook.db'} (backup next to it); feedback: nbgrader generate_feedback")
    return 0 if any(not r.error for _, r in graded) else 2


def cmd_data(args: argparse.Namespace) -> int:
    if args.action == "fetch":
        print(f"downloaded {args.name} into {data.fetch(args.name)}")
        return 0
    for name, state in data.status().items():
        print(f"{name:18} {state}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    import torch
    import torchvision

    print(f"python       {platform.python_version()}")
    print(f"torch        {torch.__version__} (device: {runtime.pick_device()})")
    print(f"torchvision  {torchvision.__version__}")
    print(f"data search  {', '.join(map(str, data.search_path()))}")
    return cmd_data(argparse.Namespace(action="status"))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="visiondl", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="regenerate course/ and solutions/ from source/")
    b.add_argument("assignments", nargs="*", help="e.g. 01_perceptron (default: all)")
    b.add_argument("--no-solutions", action="store_true", help="skip the executed solutions/")
    b.set_defaults(run=cmd_build)
    g = sub.add_parser("grade", help="grade notebooks, hidden tests included, and print the scores")
    g.add_argument("notebooks", nargs="+", help="filled-in notebooks of one assignment")
    g.add_argument("--json", action="store_true", help="print JSON instead of a table")
    g.add_argument("--course", help="the course folder (default: found automatically)")
    add_limits(g, None)
    g.add_argument("--jobs", type=int, default=1, help="notebooks graded in parallel")
    g.add_argument(
        "--scheduler",
        help="grade on this Dask cluster instead (e.g. tcp://host:8786; pip install 'visiondl[scale]')",
    )
    g.set_defaults(run=cmd_grade)
    a = sub.add_parser("autograde", help="grade submitted/ of a class into nbgrader's gradebook")
    a.add_argument("assignment", help="e.g. 01_perceptron")
    a.add_argument("--student", action="append", help="only this student (repeatable)")
    a.add_argument("--course", help="the course folder (default: found automatically)")
    add_limits(a, 4.0)
    a.add_argument("--jobs", type=int, default=1, help="submissions graded in parallel")
    a.add_argument("--scheduler", help="grade on this Dask cluster instead (e.g. tcp://host:8786)")
    a.set_defaults(run=cmd_autograde)
    d = sub.add_parser("data", help="where the data sets are, or download one")
    d.add_argument("action", nargs="?", choices=["status", "fetch"], default="status")
    d.add_argument("name", nargs="?", help="for fetch: mnist or fashion-mnist")
    d.set_defaults(run=cmd_data)
    sub.add_parser("doctor", help="versions, device and data").set_defaults(run=cmd_doctor)
    leaderboard_cli.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (grading.GradingError, data.DataNotFound, data.ChecksumError, ValueError) as error:
        print(f"visiondl {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
