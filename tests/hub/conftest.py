"""Fixtures of the JupyterHub tests: a class of real system users on loopback, torn down after.

Needs root (the tests create system users, as a hub's admin would), jupyterhub (the `hub` extra)
and configurable-http-proxy (tools/install-hub.sh, which the set-up runs).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from classroom import ROOT, Classroom


def pytest_collection_modifyitems(items):
    reason = None
    if os.geteuid() != 0:
        reason = "the hub tests create system users: run them as root (a container or CI)"
    elif shutil.which("useradd") is None:
        reason = "useradd is missing"
    if reason:
        for item in items:
            if "hub" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def proxy_installed():
    result = subprocess.run(["bash", str(ROOT / "tools" / "install-hub.sh")], capture_output=True, text=True)
    if result.returncode:
        pytest.skip(f"configurable-http-proxy could not be installed: {result.stderr.strip()}")


@pytest.fixture
def classroom():
    """An empty class: a private folder under /tmp that the class's users can traverse."""
    room = Classroom(Path(tempfile.mkdtemp(prefix="visiondl-class-")), secrets.token_hex(2))
    yield room
    room.close()
