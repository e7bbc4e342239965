"""Run a notebook's own cells by cell id: the benchmarks measure the course's code, not a copy of it."""

from __future__ import annotations

import json
import time
from pathlib import Path

MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def cells(notebook: Path, ids: list[str]) -> dict[str, str]:
    """Return {cell id: source} for `ids` of `notebook` (solution markers dropped), in the order of `ids`."""
    sources = {c.get("id"): "".join(c["source"]) for c in json.loads(notebook.read_text())["cells"]}
    missing = [cid for cid in ids if cid not in sources]
    if missing:
        raise SystemExit(f"{notebook.name} has no cell(s) {missing}: update the benchmark's list of cells")
    out = {}
    for cid in ids:
        source = sources[cid]
        for marker in MARKERS:
            source = source.replace(marker, "")
        out[cid] = source
    return out


def run(notebook: Path, ids: list[str], ns: dict, after=None) -> dict[str, float]:
    """Execute the cells `ids` of `notebook` in `ns`, in order; return the seconds each took.

    `after(cell_id, ns)`, when given, runs after each cell (e.g. to pin the device to the CPU).
    """
    seconds = {}
    for cid, source in cells(notebook, ids).items():
        start = time.perf_counter()
        exec(compile(source, f"{notebook.stem}[{cid}]", "exec"), ns)  # noqa: S102 - the course's own cells
        seconds[cid] = time.perf_counter() - start
        if after is not None:
            after(cid, ns)
    return seconds


def on_cpu(cell_id: str, ns: dict) -> None:
    """An `after` for `run`: pin the notebook's device to the CPU once its setup cell picked one."""
    if cell_id == "setup":
        import torch

        ns["device"] = torch.device("cpu")
