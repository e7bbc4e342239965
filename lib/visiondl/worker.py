"""Grade one submission: sanitise, run its cells in a sandboxed kernel, judge the tests outside.

`python -m visiondl.worker RELEASE.json` is a trusted worker process: it never runs student
code itself. It reads one job per line on stdin ({"notebook", "keep"}) and writes one
result per line (a report as a dict) on the stdout it started with.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

from visiondl import sanitize
from visiondl.proxy import Session
from visiondl.sandbox import CellTimeout, Kernel, KernelDied, Policy
from visiondl.verdict import failure_message, judge


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
    result = {"notebook": str(notebook), "tests": [], "manual": [], "error": "", "sandbox": ""}
    try:
        student = sanitize.answers(notebook, release)
    except sanitize.SubmissionError as error:
        result["error"] = str(error)
        result["tests"] = [[c.grade_id, 0.0, c.points, str(error)] for c in release.tests]
        return result, None
    cells = sanitize.rebuild(release, student)
    nb = nbformat.v4.new_notebook()
    scratch = Path(tempfile.mkdtemp(prefix="visiondl-kernel-"))
    kernel, died_at = None, None
    try:
        policy = Policy(hide=[Path(h) for h in hide], memory_gb=limits.get("memory_gb"))
        try:
            kernel = Kernel(scratch, policy)
            result["sandbox"] = kernel.mode
        except KernelDied as error:
            died_at = f"start ({error})"
        session = Session(kernel, limits["timeout"]) if kernel else None
        for number, cell in enumerate(cells, 1):
            meta = {"nbgrader": nbgrader_meta(cell)} if cell.grade_id else {}
            if cell.cell_type == "markdown":
                nb.cells.append(nbformat.v4.new_markdown_cell(cell.source, metadata=meta))
                if cell.kind == "manual":
                    result["manual"].append(cell.grade_id)
                continue
            code = nbformat.v4.new_code_cell(cell.source, metadata=meta)
            nb.cells.append(code)
            label = cell.grade_id or f"#{number}"
            if died_at is not None:
                reason = f"the kernel died at cell {died_at} ({kernel.dead if kernel else 'did not start'})"
                code.outputs = [error_output("KernelDied", reason)]
            elif cell.kind == "test":
                verdict = judge(session, cell.source, release.prelude, limits["timeout"])
                code.outputs = verdict["outputs"]
            else:
                try:
                    code.outputs = reply_outputs(session.run(cell.source))
                except CellTimeout:
                    code.outputs = [error_output("CellTimeoutError", "the cell ran past the time limit")]
                except KernelDied:
                    pass
                except Exception as error:  # noqa: BLE001 - a malformed reply counts as the cell failing
                    code.outputs = [error_output(type(error).__name__, str(error))]
            if kernel is not None and kernel.dead and died_at is None:
                died_at = label
                if not code.outputs:
                    code.outputs = [error_output("KernelDied", f"the kernel {kernel.dead} at cell {label}")]
            if cell.kind == "test":
                message = failure_message(code)
                passed = not any(o.output_type == "error" or o.get("name") == "stderr" for o in code.outputs)
                result["tests"].append([cell.grade_id, cell.points if passed else 0.0, cell.points, message])
    finally:
        if kernel is not None:
            kernel.close()
        shutil.rmtree(scratch, ignore_errors=True)
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
