"""Run a submission's cells in sandboxed kernels, starting a fresh one when student code kills it.

An answer cell that does not finish because of a limit — the kernel died (`os._exit`, a signal,
a crash, a flood), the cell ran past the time limit, or it ran out of memory — is *left out*:
the worker starts a fresh sandboxed kernel (with a fresh scratch folder), replays the cells that
finished before it (every cell left out so far skipped; a replayed cell that hits a limit again
is left out too) and goes on with the rest of the notebook, so later exercises are still graded
and the tests of the cell left out score 0 with the reason. An instructor's cell (setup, a
demo calling the student's code) is left out only when the kernel died in it; interrupted at
the time limit or out of memory it counts as run, as under nbgrader. Test cells are judged
outside the kernel (`visiondl.verdict`) and never replayed.

Bounded: at most `restarts` fresh kernels per submission; after that, and after the optional
wall-clock `budget` of the whole submission (counted once its first kernel is up), nothing more
runs and what is left scores 0 with the reason. Without a budget the worst case is `(restarts + 1) × code cells × (timeout + 5 s)`
plus the kernels' start-up.
"""

from __future__ import annotations

import ast
import re
import shutil
import tempfile
import time
from pathlib import Path

from visiondl.proxy import Session
from visiondl.sandbox import CellTimeout, Kernel, KernelDied, Policy
from visiondl.verdict import judge

RESTARTS = 3  # fresh kernels per submission after the first
# visiondl's modules that import no torch of their own accord (runtime only in the helpers that need it)
TORCH_FREE = ("visiondl", "visiondl.checks", "visiondl.plots", "visiondl.runtime", "visiondl.widgets")
OUT_OF_MEMORY = re.compile(
    r"^MemoryError|Unable to allocate|can't allocate memory|out of memory|bad_alloc|Cannot allocate", re.I
)


def imported_modules(code: str) -> list[str]:
    """The modules the instructor's code imports (`from a import b`: `a` and `a.b`), in order."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return [n for n in dict.fromkeys(names) if all(part.isidentifier() for part in n.split("."))]


def preload(prelude: str) -> list[str]:
    """The modules a kernel imports before its first cell: the prelude's, numpy, and torch when the
    course uses it (directly or through visiondl). torch takes about 2 s to import here: paid once
    per kernel at start-up, not out of the first cell's time limit, and not at all by a course
    that never needs it."""
    names = imported_modules(prelude)
    parts = [n.split(".") for n in names]
    torch = any(
        p[0] in ("torch", "torchvision") or (p[0] == "visiondl" and ".".join(p[:2]) not in TORCH_FREE)
        for p in parts
    )
    return list(dict.fromkeys([*names, "numpy", *(["torch"] if torch else [])]))


class Runner:
    """The kernel of one submission, restarted without the cells that killed it."""

    def __init__(
        self,
        policy: Policy,
        timeout: float,
        restarts: int = RESTARTS,
        budget: float | None = None,
        prelude: str = "",
    ):
        self.policy, self.timeout, self.max_restarts = policy, timeout, restarts
        # the course's libraries are imported before the kernel says hello (visiondl.agent.preload)
        self.env = {"VISIONDL_PRELOAD": ",".join(preload(prelude))}
        self.budget = budget
        self.kernel: Kernel | None = None
        self.session: Session | None = None
        self.scratch: Path | None = None
        self.mode = ""
        self.done: list[tuple[str, str, bool]] = []  # (label, source, answer?) of cells that ran
        self.left_out: list[tuple[str, str]] = []  # (label, why) of cells that hit a limit
        self.events: list[str] = []  # what happened, for the report
        self.restarts = 0
        self.gone: str | None = None  # why no kernel will run anything more
        self.start()
        # the budget counts from the first kernel's start-up on (which has its own 120 s limit)
        self.deadline = time.monotonic() + budget if budget else None

    # ---- kernels ----------------------------------------------------------------------------
    def start(self) -> bool:
        self.close()
        self.scratch = Path(tempfile.mkdtemp(prefix="visiondl-kernel-"))
        try:
            self.kernel = Kernel(self.scratch, self.policy, self.env)
        except KernelDied as error:
            self.kernel, self.session = None, None
            self.gone = f"not run: the sandboxed kernel did not start ({error})"
            return False
        self.mode = self.mode or self.kernel.mode
        self.session = Session(self.kernel, self.timeout)
        return True

    def ready(self) -> bool:
        """Whether a live kernel holds every finished cell (restarting and replaying if needed)."""
        while self.gone is None and (self.kernel is None or self.kernel.dead):
            if self.restarts >= self.max_restarts:
                self.gone = (
                    f"not run: the kernel was stopped {self.restarts + 1} times, the most for one "
                    f"submission ({self.max_restarts} fresh kernels)"
                )
                self.events.append(self.gone.removeprefix("not run: ") + "; the cells after it score 0")
                break
            if self.out_of_time():
                break
            self.restarts += 1
            if not self.start():
                self.events.append(self.gone)
                break
            self.events.append(f"fresh kernel {self.restarts}: replayed {len(self.done)} finished cells")
            for cell in list(self.done):
                try:
                    _, why = self.execute(cell[1])
                except Exception:  # noqa: BLE001 - a malformed reply: it failed the first time too
                    continue
                if why and (cell[2] or self.kernel.dead):
                    self.done.remove(cell)
                    self.leave_out(cell[0], f"{why} when replayed")
                    break
        return self.gone is None

    def out_of_time(self) -> bool:
        if self.deadline is not None and time.monotonic() >= self.deadline:
            self.gone = f"not run: the submission used its whole time budget ({self.budget:g} s)"
            self.events.append(self.gone.removeprefix("not run: "))
            return True
        return False

    def cell_timeout(self) -> float:
        if self.deadline is None:
            return self.timeout
        return max(0.0, min(self.timeout, self.deadline - time.monotonic()))

    # ---- cells ------------------------------------------------------------------------------
    def execute(self, source: str) -> tuple[dict | None, str | None]:
        """Run code in the kernel: (reply, None), or (reply or None, why) when it hit a limit."""
        timeout = self.cell_timeout()
        self.session.deadline = time.monotonic() + timeout
        try:
            reply = self.session.run(source)
        except CellTimeout:
            if timeout < self.timeout:
                return None, f"ran past the submission's time budget ({self.budget:g} s)"
            return None, f"ran past the time limit ({self.timeout:g} s per cell)"
        except KernelDied:
            hint = ", perhaps out of memory" if "signal 9" in str(self.kernel.dead) else ""
            return None, f"killed the kernel: it {self.kernel.dead}{hint}"
        finally:
            self.session.deadline = None
        error = reply.get("error")
        if type(error) is dict and OUT_OF_MEMORY.search(f"{error.get('name')}: {error.get('msg')}"):
            limit = f"limit {self.policy.memory_gb:g} GB" if self.policy.memory_gb else "no grading limit"
            return reply, f"ran out of memory ({limit})"
        return reply, None

    def run(self, label: str, source: str, answer: bool = True) -> tuple[dict | None, str | None]:
        """Run a code cell; `why` is set when it did not finish (then left out, see above)."""
        if not self.ready():
            return None, self.gone
        try:
            reply, why = self.execute(source)
        except Exception:  # a malformed reply: the cell failed, but it ran (and is replayed)
            self.done.append((label, source, answer))
            raise
        if why and (answer or self.kernel.dead):
            self.leave_out(label, why)
        else:
            self.done.append((label, source, answer))
            if why:
                self.events.append(f"{label} {why}: stopped there, the notebook went on")
        return reply, why

    def leave_out(self, label: str, why: str) -> None:
        self.left_out.append((label, why))
        self.events.append(f"{label} {why}: left out, the rest graded in a fresh kernel")
        if self.kernel is not None and not self.kernel.dead:
            self.kernel.kill(f"was restarted without {label}")

    def judge(self, label: str, source: str, prelude: str) -> list:
        """The outputs of a test cell, judged in the grader with the student's values."""
        if not self.ready():
            return []
        verdict = judge(self.session, source, prelude, self.cell_timeout())
        if self.kernel.dead:
            self.events.append(f"{label}: the kernel {self.kernel.dead}; the rest graded in a fresh kernel")
        return verdict["outputs"]

    def why_missing(self) -> str:
        """The cells left out so far, newest first, to explain a failing test."""
        notes = [f"{label} {why}" for label, why in reversed(self.left_out[-3:])]
        return "; ".join(notes) + (" (left out: the rest was graded in a fresh kernel)" if notes else "")

    def close(self) -> None:
        if self.kernel is not None:
            self.kernel.close()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
        self.kernel = self.session = self.scratch = None
