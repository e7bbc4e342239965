"""A student's kernel cannot read the course, write outside its scratch, reach the network, or
outlive its limits; killing itself or its parent never touches the grader."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from visiondl.proxy import Session
from visiondl.sandbox import CellTimeout, Kernel, KernelDied, Policy, bwrap_works

needs_bwrap = pytest.mark.skipif(not bwrap_works(), reason="bubblewrap is not available here")


@pytest.fixture
def kernel(tmp_path):
    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    (course / "source" / "answers.txt").write_text("the reference answer")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    k = Kernel(scratch, Policy(hide=[course], memory_gb=2))
    k.course = course
    yield k
    k.close()


def run(kernel, code: str, timeout: float = 20):
    """Run code in the kernel; return the text of its error ('' when none)."""
    reply = Session(kernel, timeout).run(code)
    error = reply.get("error")
    return "" if not error else f"{error['name']}: {error['msg']}"


@needs_bwrap
def test_course_files_are_invisible_and_only_scratch_is_writable(kernel, tmp_path):
    assert kernel.mode == "bwrap"
    assert "FileNotFoundError" in run(
        kernel, f"open({str(kernel.course / 'source' / 'answers.txt')!r}).read()"
    )
    assert run(kernel, "open('notes.txt', 'w').write('ok')") == ""
    assert (tmp_path / "scratch" / "notes.txt").read_text() == "ok"
    outside = tmp_path / "planted.txt"  # under /tmp: the kernel's own empty tmpfs, gone with it
    run(kernel, f"open({str(outside)!r}, 'w').write('x')")
    assert not outside.exists()
    assert run(kernel, "open('/etc/planted', 'w').write('x')").startswith("OSError")
    assert not os.path.exists("/etc/planted")
    assert run(kernel, "import os; assert os.getuid() == 65534, os.getuid()") == ""


@needs_bwrap
def test_the_file_system_is_an_allowlist_the_checkout_around_visiondl_is_not_there(kernel):
    import sys

    import visiondl

    package = Path(visiondl.__file__).resolve().parent
    if Path(sys.prefix).resolve() not in package.parents:  # a checkout, not an installed package
        assert run(kernel, f"import os; assert os.listdir({str(package.parent)!r}) == ['visiondl']") == ""
        top = package.parent.parent  # the checkout: only lib/visiondl, and what the kernel must see
        seen = {package.parent.name} | {  # (a venv, the data or the torch cache) where it lies inside
            Path(p).resolve().relative_to(top).parts[0]
            for p in (sys.prefix, os.environ.get("VISIONDL_DATA"), os.environ.get("TORCH_HOME"))
            if p and top in Path(p).resolve().parents
        }
        code = f"import os; assert sorted(os.listdir({str(top)!r})) == {sorted(seen)!r}, os.listdir({str(top)!r})"
        assert run(kernel, code) == ""
    for gone in ("/home", "/root/.ssh", "/etc/shadow", "/etc/ssh", "/var", "/opt", "/srv", "/mnt"):
        assert run(kernel, f"import os; assert not os.path.lexists({gone!r}), {gone!r}") == ""
    assert run(kernel, "open('/planted', 'w')").startswith("OSError")  # the new root is read-only
    code = "import torch, numpy, matplotlib.pyplot, torchvision; from visiondl import data, checks"
    assert run(kernel, code, timeout=120) == ""
    if os.environ.get("VISIONDL_DATA"):
        assert run(kernel, "import os; assert os.listdir(os.environ['VISIONDL_DATA'])") == ""


@needs_bwrap
def test_no_network_not_even_loopback(kernel):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    try:
        port = server.getsockname()[1]
        error = run(kernel, f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=2)")
        assert error.startswith(("ConnectionRefusedError", "OSError", "TimeoutError")), error
    finally:
        server.close()


def test_a_loop_is_interrupted_and_the_kernel_lives_on(kernel):
    with pytest.raises(CellTimeout):
        run(kernel, "while True: pass", timeout=1)
    assert run(kernel, "x = 1") == "" and not kernel.dead


@pytest.mark.parametrize(
    "how",
    [
        "signal.signal(signal.SIGINT, signal.SIG_IGN)",
        "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})",
    ],
)
def test_a_grader_that_ignores_sigint_still_interrupts_its_kernels(tmp_path, how):
    """SIG_IGN and a blocked signal are inherited: the kernel of a grader that ignores or blocks SIGINT
    must still take it."""
    code = f"""
import pathlib, signal
from visiondl.proxy import Session
from visiondl.sandbox import CellTimeout, Kernel, Policy
{how}
kernel = Kernel(pathlib.Path({str(tmp_path)!r}), Policy())
try:
    Session(kernel, 1).run("while True: pass")
except CellTimeout:
    pass
print(kernel.dead or "alive")
kernel.close()
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.stdout.strip() == "alive", run.stdout + run.stderr


def test_a_kernel_that_missed_the_first_interrupt_gets_another(kernel):
    """A starved kernel can take SIGINT before it starts the cell (it then ignores it as stray)."""
    code = (
        "import signal\nmissed = []\n"
        "def first_missed(*args):\n"
        "    if not missed:\n        missed.append(1)\n        return\n"
        "    signal.default_int_handler(*args)\n"
        "signal.signal(signal.SIGINT, first_missed)\nwhile True: pass"
    )
    with pytest.raises(CellTimeout):
        run(kernel, code, timeout=1)
    assert not kernel.dead, kernel.dead
    assert run(kernel, "assert missed == [1], missed") == ""


def test_a_kernel_that_swallows_interrupts_is_killed(kernel):
    with pytest.raises(CellTimeout):
        run(
            kernel,
            "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True: pass",
            timeout=1,
        )
    assert kernel.dead
    with pytest.raises(KernelDied):
        run(kernel, "x = 1")


def test_memory_is_limited(kernel):
    assert run(kernel, "b = bytearray(3 * 2**30)").startswith("MemoryError")


@pytest.mark.parametrize(
    "code",
    [
        "import os; os.kill(os.getppid(), 9)",
        "import os; os.killpg(0, 9)",
        pytest.param(  # outside a pid namespace this would signal every process of the user
            "import os, signal; os.kill(-1, signal.SIGKILL)", marks=needs_bwrap
        ),
        "import os; os._exit(3)",
    ],
)
def test_a_kernel_that_kills_its_parent_or_itself_only_ends_itself(kernel, code):
    pid = os.getpid()
    try:
        run(kernel, code, timeout=10)
    except KernelDied:
        pass
    try:  # the kernel is gone, or (kill(-1) as pid 1 of its namespace) signalled nothing else
        run(kernel, "x = 1")
    except KernelDied:
        assert "died" in kernel.dead
    assert os.getpid() == pid  # this test process plays the grader: it is still here


def test_without_bwrap_the_fallback_still_runs_as_nobody_in_its_scratch(monkeypatch):
    monkeypatch.setenv("VISIONDL_NO_BWRAP", "1")
    tmp_path = Path(tempfile.mkdtemp(prefix="visiondl-test-"))  # reachable by nobody, unlike pytest's
    k = Kernel(tmp_path, Policy(memory_gb=2))
    try:
        assert k.mode.startswith("fallback")
        assert run(k, f"import os; assert os.getcwd() == {str(tmp_path)!r}") == ""
        if os.geteuid() == 0 and k.mode == "fallback":
            assert run(k, "import os; assert os.getuid() == 65534") == ""
    finally:
        k.close()
        shutil.rmtree(tmp_path, ignore_errors=True)
