"""Judge one test cell in the grader's own process, never in the student's kernel.

The cell (hidden tests included) runs in a fresh namespace holding the instructor's
prelude (imports, helper functions, constants) and, for every other name it reads, the
student's value: plain data by value, modules and library objects as the grader's own,
the rest as handles (`visiondl.proxy`). No exception and nothing on stderr: full points.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import time
import warnings

import nbformat

from visiondl.proxy import TEST_MODULE, Session
from visiondl.sandbox import CellTimeout, KernelDied
from visiondl.sanitize import free_names
from visiondl.wire import WireError

OUTPUT_CAP = 2 * 2**20


def namespace(session: Session, prelude: str, code: str) -> dict:
    ns = {"__name__": TEST_MODULE, "__builtins__": builtins}
    exec(compile(prelude, "<prelude>", "exec"), ns)  # noqa: S102 - the instructor's code
    for name in sorted(free_names(code + "\n" + prelude) - set(ns)):
        found, value = session.get(name)
        if found:
            ns[name] = value
    return ns


def judge(session: Session, code: str, prelude: str, timeout: float) -> dict:
    """Run a test cell; return {"outputs": [...], "passed": bool} (nbformat outputs)."""
    session.out, session.err = [], []
    out, err = io.StringIO(), io.StringIO()
    error = None
    session.deadline = time.monotonic() + timeout
    try:
        # catch_warnings: Python's default filters, with a fresh "shown once" record per cell
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
            ns = namespace(session, prelude, code)
            exec(compile(code, "<test cell>", "exec"), ns)  # noqa: S102 - trusted test code
    except CellTimeout:
        error = ("CellTimeoutError", "the cell ran past the time limit")
    except KernelDied:
        error = ("KernelDied", f"the kernel {session.kernel.dead}")
    except WireError as problem:
        error = ("WireError", f"the kernel sent something that is not plain data: {problem}")
    except Exception as problem:  # noqa: BLE001 - any failure of the test is the student's result
        error = (type(problem).__name__, str(problem))
    finally:
        session.deadline = None
    stdout = (out.getvalue() + "".join(session.out))[:OUTPUT_CAP]
    stderr = ("".join(session.err) + err.getvalue())[:OUTPUT_CAP]
    outputs = []
    if stdout:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=stdout))
    if stderr:
        outputs.append(nbformat.v4.new_output("stream", name="stderr", text=stderr))
    if error:
        outputs.append(nbformat.v4.new_output("error", ename=error[0], evalue=error[1], traceback=[]))
    return {"outputs": outputs, "passed": error is None and not stderr}


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
