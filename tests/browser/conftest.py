"""A real JupyterLab (started as `make course` starts it) on a copy of the course, and Debian's chromium.

The server runs on 127.0.0.1 with a free port and a token, its root a temporary copy of the course
(never the checkout). Screenshots and Run All timings go to $VISIONDL_ARTIFACTS (default
tests/artifacts/, git-ignored), which CI keeps.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from jlab import artifacts

from visiondl import lab

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("VISIONDL_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
COURSE_PARTS = ["README.md", "nbgrader_config.py", "course", "solutions", "source"]
START_TIMEOUT = 120  # seconds for JupyterLab to print its URL (slow under load)


def pytest_collection_modifyitems(items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_course(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in COURSE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        else:
            shutil.copy2(src, dest / part)
    return dest


class Lab:
    """A running JupyterLab: its root, base URL, token and log."""

    def __init__(self, root: Path, extra: list[str] = ()):
        self.root, self.port = root, free_port()
        self.log_path = root.parent / f"{root.name}-lab.log"
        argv = lab.command(
            [
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0",
                "--ServerApp.open_browser=False",
                "--LabApp.expose_app_in_browser=True",
                "--LabApp.news_url=",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                *extra,
            ]
        )
        env = lab.environment(root, {**os.environ, "NBGRADER_EXCHANGE": str(root / ".exchange")})
        for var in ("NBGRADER_EXECUTION", "VISIONDL_STATIC_WIDGETS", "JUPYTER_PLATFORM_DIRS", "MPLBACKEND"):
            env.pop(var, None)
        env["JUPYTER_CONFIG_DIR"] = str(root.parent / "jupyter-config")  # no user settings
        self.log = self.log_path.open("w")
        self.proc = subprocess.Popen(argv, cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        try:
            self.url = self._wait_for_url()
        except BaseException:  # a server that never came up is still stopped
            self.stop()
            raise

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited {self.proc.returncode}:\n{self.read_log()}")
            # The URL with the token JupyterLab generated, as a newcomer sees it after `make course`.
            match = re.search(r"(http://127\.0\.0\.1:\d+/lab\S*\?token=([0-9a-f]+))", self.read_log())
            if match:
                self.token = match.group(2)
                return match.group(1)
            time.sleep(0.5)
        raise TimeoutError(f"JupyterLab printed no URL in {START_TIMEOUT} s:\n{self.read_log()}")

    def read_log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def link(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"http://127.0.0.1:{self.port}{path}{sep}token={self.token}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    root = copy_course(tmp_path_factory.mktemp("lab") / "visiondl")
    server = Lab(root)
    yield server
    server.stop()
    shutil.copy2(
        server.log_path, artifacts() / f"jupyterlab.{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.log"
    )


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()
