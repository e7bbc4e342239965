"""A class on one machine for the hub tests: system users, a shared exchange, an instructor's course.

Every user is a real system account (so the exchange's file permissions are really tested), created
by the fixtures and deleted after. Everything lives under one folder that other users can traverse.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
COURSE_ID = "visiondl"
ASSIGNMENT = "01_perceptron"
# How the instructor grades: the hardened `visiondl autograde` (plain `nbgrader autograde` runs the
# tests in the student's kernel); both grade every collected submission into the gradebook.
# VISIONDL_AUTOGRADE="nbgrader autograde" switches back for one run.
AUTOGRADE = os.environ.get("VISIONDL_AUTOGRADE", "visiondl autograde").split()
COURSE_PARTS = ["README.md", "nbgrader_config.py", "source"]
COMMAND_TIMEOUT = 600  # s, one nbgrader command under load


def run(argv, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(argv, check=True, capture_output=True, text=True, timeout=120, **kw)


class Classroom:
    """System users (instructor + students), their homes, the exchange and the instructor's course."""

    def __init__(self, base: Path, tag: str):
        self.base, self.tag = base, tag
        self.group = f"vdl{tag}"
        self.exchange = base / "exchange"
        self.homes = base / "home"
        self.users: list[str] = []
        self.granted: list[tuple[Path, int]] = []
        base.chmod(0o755)
        self.homes.mkdir(mode=0o755)
        self.exchange.mkdir()
        self.exchange.chmod(0o777)  # nbgrader: every user writes the course's folders under it
        run(["groupadd", self.group])
        self.open_python_to_all()

    def open_python_to_all(self) -> None:
        """Let other users run this Python: add o+x to its folders (pyenv under /root); undone later."""
        paths = {
            Path(os.path.realpath(sys.executable)),
            Path(sys.prefix),
            Path(sys.base_prefix),
            ROOT / "lib",
        }
        for path in paths:
            for folder in [path, *path.parents]:
                mode = folder.stat().st_mode if folder.is_dir() else None
                if mode is not None and not mode & stat.S_IXOTH:
                    folder.chmod(mode | stat.S_IXOTH)
                    self.granted.append((folder, stat.S_IMODE(mode)))

    def add_user(self, name: str) -> str:
        name = f"{name}-{self.tag}"
        home = self.homes / name
        run(["useradd", "-M", "-N", "-g", self.group, "-d", str(home), "-s", "/bin/bash", name])
        self.users.append(name)
        home.mkdir(mode=0o700)
        shutil.chown(home, name, self.group)
        home.chmod(0o700)  # private: no student reads another's work or the instructor's course
        return name

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    def env(self, user: str) -> dict[str, str]:
        return {
            "HOME": str(self.home(user)),
            "USER": user,
            "LOGNAME": user,
            "PATH": f"{BIN}:/usr/bin:/bin",
            "PYTHONPATH": str(ROOT / "lib"),
            "NBGRADER_EXCHANGE": str(self.exchange),
            "JUPYTER_CONFIG_PATH": str(ROOT / "hub" / "jupyter" / "common"),
            "OMP_NUM_THREADS": "1",
            "VISIONDL_DATA": os.environ.get("VISIONDL_DATA", ""),
            "LANG": "C.UTF-8",
        }

    def as_user(
        self, user: str, argv: list[str], cwd: Path | None = None, check=True, timeout=COMMAND_TIMEOUT
    ):
        """Run a command as `user`, as from a terminal on the hub; return the CompletedProcess."""
        entry = pwd.getpwnam(user)
        result = subprocess.run(
            argv,
            cwd=cwd or entry.pw_dir,
            env=self.env(user),
            user=entry.pw_uid,
            group=entry.pw_gid,
            extra_groups=[],
            umask=0o022,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode:
            raise AssertionError(f"{user}: {' '.join(argv)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def python_as(self, user: str, code: str):
        """Run Python code as `user`; return the JSON it prints last."""
        out = self.as_user(user, [sys.executable, "-c", code]).stdout.strip().splitlines()
        return json.loads(out[-1])

    def make_course(self, instructor: str) -> Path:
        """Copy the course (source/, config) into the instructor's private home."""
        course = self.home(instructor) / "visiondl"
        course.mkdir()
        for part in COURSE_PARTS:
            src = ROOT / part
            if src.is_dir():
                shutil.copytree(src, course / part, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
            else:
                shutil.copy2(src, course / part)
        run(["chown", "-R", f"{instructor}:{self.group}", str(course)])
        return course

    def release(self, instructor: str, course: Path) -> None:
        self.as_user(instructor, ["nbgrader", "generate_assignment", ASSIGNMENT, "--force"], cwd=course)
        self.as_user(instructor, ["nbgrader", "release_assignment", ASSIGNMENT, "--force"], cwd=course)

    def close(self) -> None:
        for user in self.users:
            leftovers = subprocess.run(["pgrep", "-u", user], capture_output=True, text=True).stdout.split()
            for pid in leftovers:  # processes the hub started as this user and did not stop
                try:
                    os.kill(int(pid), 9)
                except ProcessLookupError:
                    pass
            subprocess.run(["userdel", user], capture_output=True)
        subprocess.run(["groupdel", self.group], capture_output=True)
        for folder, mode in reversed(self.granted):
            folder.chmod(mode)
        shutil.rmtree(self.base, ignore_errors=True)


def solution_sources() -> dict[str, str]:
    """Return grade_id → the source's solution code (the BEGIN/END SOLUTION markers dropped)."""
    nb = nbformat.read(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            lines = [ln for ln in cell.source.splitlines() if "### BEGIN SOLUTION" not in ln]
            out[meta["grade_id"]] = "\n".join(ln for ln in lines if "### END SOLUTION" not in ln)
    return out


def fill(nb: dict, answers: dict[str, str], skip: tuple[str, ...] = ()) -> dict:
    """Return notebook JSON with the answers written into its solution cells (except `skip`)."""
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in answers and gid not in skip and cell["metadata"]["nbgrader"].get("solution"):
            cell["source"] = answers[gid]
    return nb


def points(grade_ids: list[str] | None = None) -> float:
    """Return the auto-graded points of the source notebook (of the given test cells only)."""
    nb = nbformat.read(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    total = 0.0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if (
            meta.get("grade")
            and cell.cell_type == "code"
            and (grade_ids is None or meta["grade_id"] in grade_ids)
        ):
            total += meta.get("points", 0)
    return total
