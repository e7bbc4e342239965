"""Start a student's kernel (`visiondl.agent`) in a sandbox, and talk to it with time limits.

With bubblewrap (`bwrap`, see `visiondl.bwrap`): new user, pid, network, ipc, uts and cgroup
namespaces (`--unshare-all`: no network, not even loopback), uid/gid 65534 (nobody), and a
file system built from an allowlist: /usr, a few files of /etc, the Python environment, the
`visiondl` package and the data folders, read-only; an empty tmpfs on /tmp; one writable
scratch folder. The course, the grader's folders, the submissions and homes are not there.
Without bwrap (a weaker mode, reported as such in `Report.sandbox`; `VISIONDL_NO_BWRAP=1`
forces it): a new session, the scratch folder as working directory, and when run as root,
uid/gid 65534 — files the grader's user can read stay readable unless their permissions
keep user nobody out. Both modes: rlimits on data size (memory), processes, file size and
core dumps, and the kernel's death with the grader's. Output is capped inside the kernel
and on the pipe.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from visiondl.bwrap import NOBODY, bwrap_command, bwrap_works, needed_paths  # noqa: F401

MAX_LINE = 600 * 2**20  # one reply from the kernel (bytes)


class KernelDied(BaseException):
    """The kernel exited or was killed; nothing more can run in it."""


class CellTimeout(BaseException):
    """The kernel ran past the time limit and was interrupted (or killed)."""


@dataclass
class Policy:
    """What the sandbox hides and what it binds back."""

    hide: list[Path] = field(default_factory=list)  # folders replaced by empty tmpfs
    memory_gb: float | None = None
    nproc: int = 256
    fsize_mb: int = 256
    tmpfs_mb: int = 512


def nobody_can_run() -> bool:
    """Whether user nobody can reach the Python interpreter and packages (for the fallback)."""
    import stat

    for target in needed_paths()[:2] + [Path(os.path.realpath(sys.executable))]:
        for folder in [target, *target.parents]:
            try:
                mode = folder.stat().st_mode
            except OSError:
                return False
            if not mode & stat.S_IXOTH if folder.is_dir() else not mode & stat.S_IROTH:
                return False
    return True


def limits(policy: Policy, drop_user: bool):
    def apply():
        os.setsid()
        if policy.memory_gb:
            size = int(policy.memory_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_DATA, (size, size))
        resource.setrlimit(resource.RLIMIT_NPROC, (policy.nproc, policy.nproc))
        resource.setrlimit(resource.RLIMIT_FSIZE, (policy.fsize_mb * 2**20,) * 2)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        die_with_parent()
        if drop_user and os.geteuid() == 0:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)

    return apply


def die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - best effort outside Linux
        pass


class Kernel:
    """One sandboxed kernel process and its request / reply pipes."""

    def __init__(self, scratch: Path, policy: Policy, env: dict | None = None):
        self.mode = "bwrap" if bwrap_works() and not os.environ.get("VISIONDL_NO_BWRAP") else "fallback"
        to_kernel, self.kin = os.pipe()
        self.kout, from_kernel = os.pipe()
        info_r, info_w = os.pipe()
        agent = [sys.executable, "-m", "visiondl.agent", str(to_kernel), str(from_kernel)]
        if self.mode == "bwrap":
            cmd = bwrap_command(scratch, policy.hide, policy.tmpfs_mb, info_w) + agent
            work = "/tmp/work"
        else:
            cmd, work = agent, str(scratch)
            os.chmod(scratch, 0o777)
            if os.geteuid() == 0 and not nobody_can_run():
                self.mode = "fallback-as-grader-user"  # nobody cannot reach this Python
        import visiondl

        lib = str(Path(visiondl.__file__).resolve().parent.parent)
        environment = {
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
            "PYTHONPATH": lib,
            "HOME": work,
            "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": work,
            "VISIONDL_SCRATCH": work,
            "VISIONDL_STATIC_WIDGETS": "1",
            "NBGRADER_EXECUTION": "autograde",  # the notebooks shrink their training budgets
            "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1"),
            "PYTHONDONTWRITEBYTECODE": "1",
            **{k: os.environ[k] for k in ("VISIONDL_DATA", "TORCH_HOME") if k in os.environ},
            **(env or {}),
        }
        self.proc = subprocess.Popen(
            cmd,
            cwd=str(scratch),
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(to_kernel, from_kernel, info_w),
            preexec_fn=limits(policy, drop_user=self.mode == "fallback"),
        )
        os.close(to_kernel), os.close(from_kernel), os.close(info_w)
        self.info_r, self.buffer, self.dead, self.next_id = info_r, b"", None, 1
        self.child_pid = self.proc.pid
        hello = self.receive(time.monotonic() + 120)
        if hello.get("op") != "hello":
            raise KernelDied("the kernel did not start")
        if self.mode == "bwrap":
            self.child_pid = self.read_info() or self.proc.pid

    def read_info(self) -> int | None:
        ready, _, _ = select.select([self.info_r], [], [], 5)
        if not ready:
            return None
        try:
            return int(json.loads(os.read(self.info_r, 65536).decode()).get("child-pid"))
        except (ValueError, AttributeError, TypeError):
            return None

    def start_error(self) -> str:
        try:
            return self.proc.stderr.read(4000).decode(errors="replace").strip()
        except Exception:  # noqa: BLE001
            return ""

    # ---- messages ---------------------------------------------------------------------------
    def send(self, msg: dict) -> int:
        if self.dead:
            raise KernelDied(self.dead)
        msg = {**msg, "id": self.next_id}
        self.next_id += 1
        try:
            self.write_all(json.dumps(msg).encode() + b"\n")
        except OSError:
            self.died()
        return msg["id"]

    def write_all(self, data: bytes) -> None:
        view, stop = memoryview(data), time.monotonic() + 60
        os.set_blocking(self.kin, False)
        while view:
            _, ready, _ = select.select([], [self.kin], [], 1.0)
            if time.monotonic() > stop:
                self.kill("stopped reading the grader's requests")
                raise KernelDied(self.dead)
            if ready:
                try:
                    n = os.write(self.kin, view[: 2**16])
                except BlockingIOError:
                    continue
                view = view[n:]
                stop = time.monotonic() + 60  # 60 s without progress, not in all

    def receive(self, deadline: float) -> dict:
        """The next message, or CellTimeout at `deadline` (after SIGINT, then SIGKILL)."""
        interrupted = signalled = None
        while b"\n" not in self.buffer:
            now = time.monotonic()
            if interrupted is None and now >= deadline:
                interrupted = now
            # SIGINT again each second of the grace: one that lands before the cell starts (a kernel
            # starved of CPU that had not read the request yet) is taken as a stray one and ignored
            if interrupted is not None and (signalled is None or now >= signalled + 1):
                self.signal(signal.SIGINT)
                signalled = now
            if interrupted is not None and now >= interrupted + 5:
                self.kill("ran past the time limit and did not stop when interrupted")
                raise CellTimeout()
            wait = (deadline if interrupted is None else signalled + 1) - now
            ready, _, _ = select.select([self.kout], [], [], max(0.0, min(wait, 1.0)))
            if ready:
                chunk = os.read(self.kout, 2**20)
                if not chunk:
                    self.died()
                self.buffer += chunk
                if len(self.buffer) > MAX_LINE:
                    self.kill("sent a reply over the size limit")
                    raise KernelDied(self.dead)
        line, _, self.buffer = self.buffer.partition(b"\n")
        try:
            msg = json.loads(line)
        except ValueError:
            self.kill("sent a malformed reply")
            raise KernelDied(self.dead) from None
        if type(msg) is not dict:
            self.kill("sent a malformed reply")
            raise KernelDied(self.dead)
        if interrupted is not None:
            msg["interrupted"] = True
        return msg

    # ---- the process ------------------------------------------------------------------------
    def signal(self, sig: int) -> None:
        for pid in {self.child_pid}:
            try:
                os.kill(pid, sig)
            except OSError:
                pass

    def died(self):
        code = self.proc.poll()
        if code is None:
            try:
                code = self.proc.wait(2)
            except subprocess.TimeoutExpired:
                code = None
        how = "exited" if code is None or code >= 0 else f"was killed by signal {-code}"
        if code is not None and code > 128:
            how = f"was killed by signal {code - 128}"
        elif code is not None and code >= 0:
            how = f"exited (code {code}: os._exit, sys.exit or a crash)"
        self.kill(f"died ({how})")
        raise KernelDied(self.dead)

    def kill(self, reason: str) -> None:
        if not self.dead:
            self.dead = reason
        for target in (lambda: os.killpg(self.proc.pid, signal.SIGKILL), lambda: self.signal(signal.SIGKILL)):
            try:
                target()
            except OSError:
                pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            pass

    def close(self) -> None:
        self.kill(self.dead or "closed")
        for fd in (self.kin, self.kout, self.info_r):
            try:
                os.close(fd)
            except OSError:
                pass
        if self.proc.stderr:
            self.proc.stderr.close()
