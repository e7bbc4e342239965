"""Grade one submission: sanitise, run its cells in a sandboxed kernel, judge the tests outside.

`python -m visiondl.worker RELEASE.json` is a trusted worker process: it never runs student
code itself. It reads one job per line on stdin ({"notebook", "keep"}) and writes one
result per line (a report as a dict) on the stdout it started with.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat

from visiondl import sanitize
from visiondl.runner import RESTARTS, Runner
from visiondl.sandbox import Policy
from visiondl.verdict import failure_message


def nbgrader_meta(cell: sanitize.Cell) -> dict:
    if not cell.grade_id:
        return {}
    return {
        "grade_id": cell.grade_id,
        "grade": cell.kind in ("test", "manual"),
        "solution": cell.kind in ("solution", "manual"),
        "points": cell.points,
        "locked": cell.kind not in ("solution", "manual"),
        "schema_version": 3,
        "task": False,
    }


def reply_outputs(reply: dict) -> list:
    outputs = []
    for name in ("out", "err"):
        text = reply.get(name)
        if type(text) is str and text:
            outputs.append(
                nbformat.v4.new_output("stream", name="stdout" if name == "out" else "stderr", text=text)
            )
    error = reply.get("error")
    if type(error) is dict:
        outputs.append(
            nbformat.v4.new_output(
                "error", ename=str(error.get("name")), evalue=str(error.get("msg")), traceback=[]
            )
        )
    return outputs


def error_output(ename: str, evalue: str):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[])


def grade_one(
    release: sanitize.Release, notebook: Path, limits: dict, hide: list[str]
) -> tuple[dict, object]:
    """Return (result dict, executed notebook or None)."""
    result = {"notebook": str(notebook), "tests": [], "manual": [], "error": "", "sandbox": "", "events": []}
    try:
        student = sanitize.answers(notebook, release)
    except sanitize.SubmissionError as error:
        result["error"] = str(error)
        result["tests"] = [[c.grade_id, 0.0, c.points, str(error)] for c in release.tests]
        return result, None
    cells = sanitize.rebuild(release, student)
    nb = nbformat.v4.new_notebook()
    policy = Policy(hide=[Path(h) for h in hide], memory_gb=limits.get("memory_gb"))
    restarts = limits.get("restarts", RESTARTS)
    runner = Runner(policy, limits["timeout"], restarts, limits.get("budget"), release.prelude)
    try:
        result["sandbox"] = runner.mode
        for number, cell in enumerate(cells, 1):
            meta = {"nbgrader": nbgrader_meta(cell)} if cell.grade_id else {}
            if cell.cell_type == "markdown":
                nb.cells.append(nbformat.v4.new_markdown_cell(cell.source, metadata=meta))
                if cell.kind == "manual":
                    result["manual"].append(cell.grade_id)
                continue
            code = nbformat.v4.new_code_cell(cell.source, metadata=meta)
            nb.cells.append(code)
            if cell.kind == "test":
                code.outputs = runner.judge(f"test cell `{cell.grade_id}`", cell.source, release.prelude)
            else:
                answer = cell.kind == "solution"
                label = f"cell `{cell.grade_id}`" if cell.grade_id else f"cell #{number}"
                label = f"answer {label}" if answer else label
                try:
                    reply, why = runner.run(label, cell.source, answer)
                    code.outputs = reply_outputs(reply) if reply else []
                except Exception as error:  # noqa: BLE001 - a malformed reply counts as the cell failing
                    code.outputs, why = [error_output(type(error).__name__, str(error))], None
                if why:
                    code.outputs.append(error_output("CellNotFinished", f"{label} {why}"))
            if runner.gone and not code.outputs:
                code.outputs = [error_output("KernelDied", runner.gone)]
            if cell.kind == "test":
                message = failure_message(code)
                passed = not any(o.output_type == "error" or o.get("name") == "stderr" for o in code.outputs)
                if not passed and runner.left_out:
                    message = f"{runner.why_missing()}. {message}"
                result["tests"].append([cell.grade_id, cell.points if passed else 0.0, cell.points, message])
    finally:
        runner.close()
        result["events"] = runner.events
    return result, nb


def main() -> None:
    release = sanitize.Release.from_json(Path(sys.argv[1]).read_text())
    limits, hide = json.loads(sys.argv[2]), json.loads(sys.argv[3])
    out = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)  # prints of trusted test code go nowhere but their captured cell output
    for line in sys.stdin:
        job = json.loads(line)
        try:
            result, nb = grade_one(release, Path(job["notebook"]), limits, hide)
        except Exception as error:  # noqa: BLE001 - never lose the whole class to one submission
            result, nb = (
                {"notebook": job["notebook"], "tests": [], "manual": [], "error": f"grader error: {error}"},
                None,
            )
        if job.get("keep") and nb is not None:
            nbformat.write(nb, job["keep"])
        out.write(json.dumps(result) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
