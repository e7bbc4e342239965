"""`visiondl.challenge.submit` against the live server: a score and rank when right, one clear
paragraph (never a traceback) and nothing stored when anything is wrong; silent under nbgrader."""

from __future__ import annotations

import numpy as np
import pytest
from leaderboard_server import Server, call, free_port, make_challenge, predictions_with

from visiondl import challenge

pytestmark = pytest.mark.xdist_group("leaderboard")

N = 120
LABELS = np.random.default_rng(11).integers(0, 10, N)


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    folder = tmp_path_factory.mktemp("client")
    tokens = make_challenge(folder, LABELS, 3, "--daily-limit", "3")
    server = Server(folder / "lb.db")
    try:
        server.start()
        yield server, tokens
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def no_grader(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv(challenge.URL_VARIABLE, raising=False)


def count(server) -> int:
    return call("GET", server.url + "api/standings")[1]["submissions"]


def test_a_right_submission_prints_the_score_and_rank(live, capsys, monkeypatch):
    server, tokens = live
    monkeypatch.setenv(challenge.URL_VARIABLE, server.url)
    result = challenge.submit(
        np.array(predictions_with(LABELS, 30, 0)), team="team01", token=tokens["team01"]
    )
    out = capsys.readouterr().out
    assert result["team"] == "team01" and result["rank"] == 1 and result["public_score"] == pytest.approx(0.5)
    assert "public score 50.00%" in out and "rank 1 of" in out


def test_a_tensor_and_the_url_argument_work_too(live, capsys):
    torch = pytest.importorskip("torch")
    server, tokens = live
    predictions = torch.tensor(predictions_with(LABELS, 12, 0))
    result = challenge.submit(predictions, team="team02", token=tokens["team02"], url=server.url.rstrip("/"))
    assert result is not None and result["public_score"] == pytest.approx(0.2), capsys.readouterr().out
    standings = challenge.standings(url=server.url)  # the url argument reaches the same board
    assert any(row["team"] == "team02" for row in standings), standings


CASES = {
    "wrong token": (dict(team="team03", token="3.wrong-secret"), "did not accept your token"),
    "another team's token": (dict(team="team03", token="team01"), "belongs to another team"),
    "floats": (dict(predictions=np.ones(N)), "integer class ids"),
    "scores per class": (dict(predictions=np.zeros((N, 10), dtype=int)), "argmax"),
    "too few": (dict(predictions=np.zeros(N - 1, dtype=int)), f"has {N} test images"),
    "out of range": (dict(predictions=np.full(N, 10)), "from 0 to 9"),
    "not numbers": (dict(predictions=[[1], [2, 3]]), "not an array of class ids"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_refused_submission_prints_one_paragraph_and_stores_nothing(live, capsys, case):
    server, tokens = live
    changes, expected = CASES[case]
    kwargs = dict(predictions=np.array(predictions_with(LABELS, 5, 5)), team="team03", token=tokens["team03"])
    kwargs.update(changes)
    kwargs["token"] = tokens.get(kwargs["token"], kwargs["token"])
    before = count(server)
    assert challenge.submit(url=server.url, **kwargs) is None
    captured = capsys.readouterr()
    assert expected in captured.out and "Nothing was" in captured.out and "Traceback" not in captured.out
    assert captured.err == "" and count(server) == before


def test_the_limit_is_explained(live, capsys):
    server, tokens = live
    for _ in range(3):
        assert challenge.submit(predictions_with(LABELS, 1, 0), "team03", tokens["team03"], url=server.url)
    assert (
        challenge.submit(predictions_with(LABELS, 1, 0), "team03", tokens["team03"], url=server.url) is None
    )
    assert "today's submission limit" in capsys.readouterr().out


def test_a_server_that_is_down_gives_a_message_not_a_traceback(capsys):
    url = f"http://127.0.0.1:{free_port()}/"
    assert challenge.submit(np.zeros(N, dtype=int), "team01", "1.x", url=url) is None
    assert challenge.standings(url=url) is None
    out = capsys.readouterr().out
    assert "Could not reach the leaderboard" in out and "Traceback" not in out


def test_no_address_says_how_to_give_one(capsys):
    assert challenge.submit(np.zeros(N, dtype=int), "team01", "1.x") is None
    assert challenge.URL_VARIABLE in capsys.readouterr().out


def test_under_the_grader_nothing_is_sent(live, capsys, monkeypatch):
    server, tokens = live
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    before = count(server)
    assert (
        challenge.submit(predictions_with(LABELS, 50, 0), "team02", tokens["team02"], url=server.url) is None
    )
    assert "nothing was submitted" in capsys.readouterr().out and count(server) == before
