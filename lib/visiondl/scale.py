"""Grade a class on a Dask cluster: one task per submission, the same trusted worker on every node.

`visiondl grade --scheduler tcp://HOST:8786 …` (or `grading.grade(..., scheduler=...)`) sends
each submission as a task to an existing Dask distributed cluster instead of the embedded local
executor (`--jobs N`, the default). A task carries the release (the source notebook's cells,
hidden tests included: the grader's spec), the submission's bytes and the limits; on the Dask
worker it runs exactly what a local run does — a `visiondl.worker` process that
starts the sandboxed kernel — and returns the result as plain data. No shared file system is
needed; every node needs this Python environment (`pip install "visiondl[scale]"`), bubblewrap
for the strong sandbox, and the data folder at the same `$VISIONDL_DATA`.

Trust: Dask workers run trusted grader code (they hold the hidden tests) and student code only
in the sandbox under them. Anyone who can submit tasks to the scheduler can run code on the
workers: keep the scheduler private (a firewall, or Dask's TLS security) — it is the
instructor's cluster, not the students'.
"""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

from visiondl.sanitize import MAX_BYTES

CONNECT_TIMEOUT = 20  # seconds to reach the scheduler


def grade_task(spec: str, name: str, data: bytes, limits: dict, hide: list[str], keep: bool) -> dict:
    """Run on a Dask worker: grade one submission in a local trusted worker process."""
    from visiondl import grading

    with tempfile.TemporaryDirectory(prefix="visiondl-task-") as tmp:
        (Path(tmp) / "release.json").write_text(spec)
        notebook = Path(tmp) / "submission" / name
        notebook.parent.mkdir()
        notebook.write_bytes(data)
        kept = Path(tmp) / "kept.ipynb" if keep else None
        job = [(0, notebook, kept)]
        result = grading.run_jobs(job, Path(tmp) / "release.json", grading.Limits(**limits), hide + [tmp], 1)[
            0
        ]
        if kept is not None and kept.is_file():
            result["kept"] = kept.read_text()
    return result


def run_on_dask(jobs_list: list, spec: Path, limits, hide: list[str], scheduler) -> dict[int, dict]:
    """Grade each (index, notebook, keep) as a task of the Dask cluster at `scheduler`."""
    from dataclasses import asdict

    try:
        from distributed import Client
    except ImportError as error:
        from visiondl.grading import GradingError

        raise GradingError(
            f"--scheduler needs Dask distributed ({error}): pip install 'visiondl[scale]'"
        ) from None
    text, batch = spec.read_text(), uuid.uuid4().hex[:8]
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT) if isinstance(scheduler, str) else scheduler
    except OSError as error:
        from visiondl.grading import GradingError

        raise GradingError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    results: dict[int, dict] = {}
    try:
        futures = {}
        for i, notebook, keep in jobs_list:
            with open(notebook, "rb") as f:
                data = f.read(MAX_BYTES + 1)  # one byte more: the worker then says it is too large
            futures[i] = client.submit(
                grade_task,
                text,
                Path(notebook).name,
                data,
                asdict(limits),
                hide,
                keep is not None,
                key=f"visiondl-grade-{batch}-{i}",
                pure=False,
            )
        for i, future in futures.items():
            try:
                results[i] = future.result()
            except Exception as error:  # noqa: BLE001 - a lost task scores 0 with the reason
                results[i] = {"tests": [], "error": f"the grading task failed on the cluster: {error}"}
            kept = results[i].pop("kept", None)
            keep = next(k for j, _, k in jobs_list if j == i)
            if kept and keep is not None:
                Path(keep).write_text(kept)
    finally:
        if isinstance(scheduler, str):
            client.close()
    return results
