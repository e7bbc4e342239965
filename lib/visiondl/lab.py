"""Start JupyterLab on the course the way `make course` does; the browser tests use the same flags.

    python -m visiondl.lab [ROOT] [extra jupyter-lab flags ...]

JupyterLab serves the course folder's root (so the Formgrader's links to source/ work) and opens
the course README. The environment's bin/ goes first on PATH, so terminals and kernels find
`visiondl` and nbgrader finds `alembic`. As root (a container) JupyterLab needs --allow-root.
The local nbgrader exchange (nbgrader_config.py: ROOT/.exchange unless NBGRADER_EXCHANGE is set)
is created, so the Assignment List works on one machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from visiondl import course

LANDING_PAGE = "README.md"
# JupyterLab settings of the course: Markdown files open rendered (the README is the landing page),
# no news or update pop-ups.
SETTINGS = Path(__file__).resolve().parent / "lab_settings"


def flags(*, allow_root: bool | None = None) -> list[str]:
    """Return the jupyter-lab flags of the course (server root = the working directory)."""
    if allow_root is None:
        allow_root = hasattr(os, "geteuid") and os.geteuid() == 0
    out = [
        "--ServerApp.root_dir=.",
        f"--LabApp.default_url=/lab/tree/{LANDING_PAGE}",
        f"--LabApp.app_settings_dir={SETTINGS}",
    ]
    return out + (["--allow-root"] if allow_root else [])


def command(extra: list[str] | tuple[str, ...] = (), python: str | None = None) -> list[str]:
    """Return the argv that starts JupyterLab on the course; run it with cwd = the course root."""
    return [python or sys.executable, "-m", "jupyterlab", *flags(), *extra]


def environment(root: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """Return the server's environment: this Python's bin/ first on PATH, the exchange created."""
    env = dict(os.environ if base is None else base)
    env["PATH"] = course.env_path(env.get("PATH", ""))
    exchange = Path(env.get("NBGRADER_EXCHANGE") or Path(root).resolve() / ".exchange")
    exchange.mkdir(parents=True, exist_ok=True)
    return env


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args.pop(0)) if args and not args[0].startswith("-") else Path(".")
    os.chdir(root)
    argv_lab = command(args)
    os.execvpe(argv_lab[0], argv_lab, environment(Path(".")))


if __name__ == "__main__":
    main()
