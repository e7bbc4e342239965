"""A kernel killed by student code is replaced by a fresh one without the cell that killed it, boundedly."""

from __future__ import annotations

import subprocess
import sys
import time

from visiondl.runner import TORCH_FREE, Runner, preload
from visiondl.sandbox import Policy

EXIT = "import os as _os\n_os._exit(3)\n"
SWALLOW = "import time as _t\nwhile True:\n    try:\n        _t.sleep(0.05)\n    except KeyboardInterrupt:\n        pass\n"


def test_a_cell_that_kills_the_kernel_is_left_out_and_the_rest_runs_in_a_fresh_kernel():
    runner = Runner(Policy(memory_gb=2), timeout=3, restarts=2)
    try:
        assert runner.run("cell 1", "a = 20")[1] is None
        # an instructor's cell interrupted at the time limit counts as run, as under nbgrader
        _, why = runner.run("cell `demo`", "d = 1\nwhile True:\n    pass", answer=False)
        assert "time limit" in why and not runner.kernel.dead and not runner.left_out
        reply, why = runner.run("answer cell `b`", "b = 1\n" + EXIT)
        assert reply is None and "killed the kernel" in why and "code 3" in why
        reply, why = runner.run("cell 3", "c = a + 1")
        assert why is None and runner.restarts == 1
        assert runner.session.get("c") == (True, 21) and runner.session.get("d") == (True, 1)
        assert runner.session.get("b") == (False, None)  # the killing cell was left out
        assert [label for label, _ in runner.left_out] == ["answer cell `b`"]
        assert runner.why_missing().startswith("answer cell `b` killed the kernel: it died (exited (code 3")
    finally:
        runner.close()


def test_running_out_of_memory_leaves_the_cell_out():
    runner = Runner(Policy(memory_gb=1), timeout=30, restarts=2)
    try:
        reply, why = runner.run(
            "answer cell `f`", "def f():\n    return 1\nimport numpy as np\n_x = np.ones(2**30)"
        )
        assert why == "ran out of memory (limit 1 GB)"
        assert runner.ready() and runner.session.get("f") == (False, None)
    finally:
        runner.close()


def test_a_notebook_that_kills_every_kernel_stops_after_the_restart_cap():
    started = time.monotonic()
    runner = Runner(Policy(memory_gb=2), timeout=20, restarts=2)
    try:
        outcomes = [runner.run(f"cell {i}", f"x{i} = {i}\n" + EXIT)[1] for i in range(12)]
    finally:
        runner.close()
    assert runner.restarts == 2
    assert all("killed the kernel" in why for why in outcomes[:3])
    assert all(why.startswith("not run: the kernel was stopped 3 times") for why in outcomes[3:])
    assert time.monotonic() - started < 150  # three kernel starts (slow on a loaded machine)


def test_a_notebook_that_hangs_in_every_cell_stops_at_its_budget():
    started = time.monotonic()
    runner = Runner(Policy(memory_gb=2), timeout=2, restarts=50, budget=10)
    try:
        outcomes = [runner.run(f"cell {i}", SWALLOW)[1] for i in range(30)]
    finally:
        runner.close()
    assert "time limit" in outcomes[0]
    assert outcomes[-1].startswith("not run: the submission used its whole time budget (10 s)")
    assert runner.restarts < 10
    # the budget, plus the last cell's kill (5 s after the interrupt) and a kernel start
    assert time.monotonic() - started < 10 + 5 + 60


def test_kernels_preload_torch_only_for_a_course_that_uses_it():
    assert preload("import numpy as np\nfrom visiondl import checks, plots") == [
        "numpy",
        "visiondl",
        "visiondl.checks",
        "visiondl.plots",
    ]
    assert preload("from visiondl.checks import close") == [
        "visiondl.checks",
        "visiondl.checks.close",
        "numpy",
    ]
    assert "torch" not in preload("from visiondl import checks, runtime")  # set_seed imports no torch
    for prelude in ("import torch", "from torchvision import models", "from visiondl import checks, data"):
        assert "torch" in preload(prelude) and "numpy" in preload(prelude), prelude


def test_the_torch_free_modules_do_not_import_torch():
    code = f"import sys, {', '.join(TORCH_FREE)}; visiondl.runtime.set_seed(0); print('torch' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.stdout.strip() == "False", run.stderr
