"""A class graded on a Dask cluster (`--scheduler`) gets the same reports as the local executor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from visiondl import grading, scale

distributed = pytest.importorskip("distributed")

FILES = Path(__file__).resolve().parent / "files"
COURSE = FILES / "tiny_course"
NAMES = ["answered-correctly", "blank", "wrong-double", "not-a-notebook"]


def summary(reports):
    return [(r.score, r.max_score, [(t.grade_id, t.points) for t in r.tests], bool(r.error)) for r in reports]


def test_a_class_on_a_local_dask_cluster_scores_as_the_local_executor(tmp_path):
    notebooks = [FILES / f"{name}.ipynb" for name in NAMES]
    limits = grading.Limits(timeout=20, memory_gb=2)
    local = grading.grade(notebooks, course=COURSE, limits=limits, jobs=2)
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        remote = grading.grade(
            notebooks,
            course=COURSE,
            limits=limits,
            keep=tmp_path / "kept",
            scheduler=cluster.scheduler_address,
        )
    assert summary(remote) == summary(local)
    assert [r.score for r in remote[:3]] == [3, 0, 1]
    assert remote[3].error and "not a readable notebook" in remote[3].error
    assert [r.notebook for r in remote] == [str(nb) for nb in notebooks]
    kept = json.loads((tmp_path / "kept" / "000.ipynb").read_text())  # executed notebooks come back
    assert any(c.get("outputs") is not None for c in kept["cells"])


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(scale, "CONNECT_TIMEOUT", 3)  # not 20 s of a test worker waiting
    with pytest.raises(grading.GradingError, match="cannot reach the Dask scheduler"):
        grading.grade([FILES / "blank.ipynb"], course=COURSE, scheduler="tcp://127.0.0.1:9")
