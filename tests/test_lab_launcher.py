"""`make course` and the browser tests start JupyterLab through visiondl.lab: its flags and environment."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from visiondl import lab

ROOT = Path(__file__).resolve().parents[1]


def test_flags_serve_the_course_root_and_open_the_readme():
    flags = lab.flags(allow_root=False)
    assert "--ServerApp.root_dir=." in flags
    assert f"--LabApp.default_url=/lab/tree/{lab.LANDING_PAGE}" in flags
    assert (ROOT / lab.LANDING_PAGE).exists()
    assert "--allow-root" not in flags and "--allow-root" in lab.flags(allow_root=True)


def test_markdown_opens_rendered():
    settings = json.loads((lab.SETTINGS / "overrides.json").read_text())
    viewers = settings["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["markdown"] == "Markdown Preview"


def test_environment_puts_the_course_commands_first_and_makes_the_exchange(tmp_path):
    env = lab.environment(tmp_path, base={"PATH": "/usr/bin"})
    assert env["PATH"].split(":")[0] == str(Path(sys.executable).parent)
    assert (tmp_path / ".exchange").is_dir()


def test_make_course_uses_the_launcher():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ncourse:", 1)[1].split("\n\n", 1)[0]
    assert "-m visiondl.lab" in recipe
