"""The class lock file pins every dependency of lib/pyproject.toml within its range, and is installed;
the test tools do what `make test` relies on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"


def declared() -> list[Requirement]:
    """Return the requirements of lib/pyproject.toml, the dev extra included."""
    project = tomllib.loads((ROOT / "lib" / "pyproject.toml").read_text())["project"]
    extras = [r for group in project.get("optional-dependencies", {}).values() for r in group]
    return [Requirement(r) for r in project["dependencies"] + extras]


def pins() -> dict[str, Version]:
    """Return {canonical name: pinned version} of requirements.lock; fail on a line that is not a pin."""
    found: dict[str, Version] = {}
    for number, line in enumerate(LOCK.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)", line)
        assert match, f"requirements.lock:{number}: {line!r} is not a `name==version` pin"
        name = canonicalize_name(match.group(1))
        assert name not in found, f"requirements.lock pins {name} twice"
        found[name] = Version(match.group(2))
    return found


def test_every_declared_dependency_is_pinned_within_its_range():
    locked = pins()
    missing = [str(r) for r in declared() if canonicalize_name(r.name) not in locked]
    assert not missing, f"add these to requirements.lock (see CONTRIBUTING.md): {missing}"
    outside = [
        f"{r} (locked {locked[canonicalize_name(r.name)]})"
        for r in declared()
        if not r.specifier.contains(locked[canonicalize_name(r.name)], prereleases=True)
    ]
    assert not outside, f"requirements.lock pins versions outside lib/pyproject.toml's ranges: {outside}"


def test_the_environment_running_the_tests_is_the_locked_one():
    # Only the environment's own site-packages: setuptools puts its _vendor folder (older packaging,
    # platformdirs, ...) on sys.path once imported, and those copies are not what the course installed.
    site = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    installed: dict[str, str] = {}
    for dist in metadata.distributions(path=site):
        installed.setdefault(canonicalize_name(dist.metadata["Name"]), dist.version)
    if canonicalize_name("visiondl") not in installed:
        pytest.skip("visiondl is not installed here: not the course environment")
    wrong = {
        name: (str(version), installed.get(name))
        for name, version in pins().items()
        if installed.get(name) is None or Version(installed[name]) != version
    }
    assert not wrong, f"installed versions differ from requirements.lock (run `make env`): {wrong}"


GROUPED = """
import os, time, pytest

@pytest.mark.parametrize("i", [pytest.param(i, marks=pytest.mark.xdist_group(f"g{i % 2}")) for i in range(8)])
def test_member(i):
    time.sleep(0.2)
    with open(os.environ["GROUPS_LOG"], "a") as f:
        f.write(f"g{i % 2} {os.environ['PYTEST_XDIST_WORKER']}\\n")
"""


def test_xdist_groups_keep_their_tests_on_one_worker(tmp_path):
    """`make test` runs `--dist loadgroup`: each assignment's notebooks are graded by one worker and a
    module's server or hostile batch is made once. pytest 9.2 silently broke that (pytest-xdist#1386)."""
    (tmp_path / "test_grouped.py").write_text(GROUPED)
    log = tmp_path / "groups.log"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "2",
            "--dist",
            "loadgroup",
            "-q",
            "-p",
            "no:cacheprovider",
            "test_grouped.py",
        ],
        cwd=tmp_path,
        env={**os.environ, "GROUPS_LOG": str(log)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    workers: dict[str, set[str]] = {}
    for line in log.read_text().splitlines():
        group, worker = line.split()
        workers.setdefault(group, set()).add(worker)
    assert set(workers) == {"g0", "g1"}
    split = {g: sorted(w) for g, w in workers.items() if len(w) > 1}
    assert not split, (
        f"xdist groups ran on several workers: {split} (see the pytest pin in lib/pyproject.toml)"
    )
