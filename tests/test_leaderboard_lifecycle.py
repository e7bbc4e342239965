"""A challenge's life on the real server: restart keeps every submission, chosen entries, the
reveal with its shake-up, the deadline, and serving under a JupyterHub-style prefix."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from leaderboard_server import Server, call, leaderboard, make_challenge, predictions_with, public_index

from visiondl import cli as visiondl_cli

pytestmark = pytest.mark.xdist_group("leaderboard")

N = 100
LABELS = np.random.default_rng(3).integers(0, 10, N)


def submit(server, token, public_right, private_right, **extra):
    body = {"predictions": predictions_with(LABELS, public_right, private_right), **extra}
    return call("POST", server.url + "api/submit", body, token=token)


def test_restart_keeps_every_submission_and_reveal_shows_the_shake_up(tmp_path):
    tokens = make_challenge(tmp_path, LABELS, 3, "--chosen", "1")
    server = Server(tmp_path / "lb.db")
    try:
        server.start()
        # team01 leads the public board but over-fitted it; team02's chosen entry wins in private.
        assert submit(server, tokens["team01"], 45, 10)[0] == 201
        assert submit(server, tokens["team02"], 30, 40, chosen=True)[0] == 201
        status, late, _ = submit(server, tokens["team02"], 40, 5)  # better in public, worse in private
        assert status == 201
        assert submit(server, tokens["team03"], 35, 30)[0] == 201
        status, answer, _ = call(
            "POST", server.url + "api/choose", {"submission_id": late["id"]}, token=tokens["team02"]
        )
        assert (status, answer["error"]) == (409, "too_many_chosen")  # --chosen 1, already one chosen
        status, answer, _ = call(
            "POST", server.url + "api/choose", {"submission_id": 1}, token=tokens["team02"]
        )
        assert (status, answer["error"]) == (404, "no_such_submission")  # team01's, not theirs
        before = call("GET", server.url + "api/standings")[1]
        assert [r["team"] for r in before["public"]] == ["team01", "team02", "team03"]

        server.stop()
        server.start()
        after = call("GET", server.url + "api/standings")[1]
        assert after == before

        run = leaderboard("reveal", "--db", str(tmp_path / "lb.db"))
        assert run.returncode == 0, run.stderr
        lines = run.stdout.splitlines()
        assert "Winners: 1. team02" in run.stdout
        assert [line.split()[:2] for line in lines[2:5]] == [
            ["1", "team02"],
            ["2", "team03"],
            ["3", "team01"],
        ]
        assert lines[2].split()[3:5] == ["2", "+1"] and lines[4].split()[3:5] == ["1", "-2"]
        board = call("GET", server.url + "api/standings")[1]
        private = {r["team"]: r for r in board["private"]}
        assert board["challenge"]["revealed"]
        assert private["team02"]["score"] == pytest.approx(40 / (N - public_index(N).size))  # the chosen one
        assert private["team03"]["shake_up"] == 1 and private["team01"]["shake_up"] == -2
        status, answer, _ = submit(server, tokens["team03"], 50, 50)
        assert (status, answer["error"]) == (403, "revealed")
        status, answer, _ = call(
            "POST", server.url + "api/choose", {"submission_id": 4}, token=tokens["team03"]
        )
        assert (status, answer["error"]) == (403, "closed")
    finally:
        server.stop()


def test_after_the_deadline_nothing_is_accepted_and_a_hub_service_is_served_under_its_prefix(tmp_path):
    past = (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat()
    tokens = make_challenge(tmp_path, LABELS, 2, "--deadline", past)
    server = Server(tmp_path / "lb.db", prefix="/services/leaderboard/", hub=True)  # as a JupyterHub service
    try:
        server.start()
        status, answer, _ = submit(server, tokens["team01"], 10, 10)
        assert (status, answer["error"]) == (403, "deadline_passed") and "closed" in answer["detail"]
        assert call("GET", server.url + "api/standings")[1]["submissions"] == 0
        status, page, _ = call("GET", server.url)
        assert (
            status == 200 and 'new EventSource("api/events")' in page["raw"]
        )  # relative: works under any prefix
        root = f"http://127.0.0.1:{server.port}/"
        assert call("GET", root + "api/health")[0] == 404
        status, page, _ = call("GET", root + "services/leaderboard")  # redirected to the trailing slash
        assert status == 200 and "EventSource" in page["raw"]
    finally:
        server.stop()


def test_visiondl_leaderboard_create_reads_csv_files_and_refuses_a_second_challenge(tmp_path, capsys):
    (tmp_path / "labels.csv").write_text("id,label\n" + "".join(f"{i},{v}\n" for i, v in enumerate(LABELS)))
    (tmp_path / "teams.csv").write_text("team,members\nants,ann;bo\nbees,cy\n")
    args = ["leaderboard", "create", "--db", str(tmp_path / "x.db"), "--labels", str(tmp_path / "labels.csv")]
    args += ["--teams", str(tmp_path / "teams.csv"), "--public-fraction", "0.3", "--seed", "5"]
    assert visiondl_cli.main(args) == 0
    out = capsys.readouterr().out
    assert "100 test labels (30 public, 70 private), 10 classes, 2 teams" in out
    assert out.count("1.") >= 1 and "ants" in out and "bees" in out
    assert visiondl_cli.main(args) == 2
    assert "already holds a challenge" in capsys.readouterr().err


def test_create_without_labels_says_what_to_give(tmp_path):
    run = leaderboard(
        "create", "--db", str(tmp_path / "x.db"), "--labels", str(tmp_path / "none.npy"), "--teams", "3"
    )
    assert run.returncode == 2 and "none.npy" in run.stderr and "Traceback" not in run.stderr
