"""The leaderboard server for real: uvicorn in a subprocess on loopback, a temporary SQLite file.

create → submit → standings; every bad input is a clear 4xx and stores nothing; the daily limit;
50 concurrent submissions from 10 teams all recorded with the right ranks.
"""

from __future__ import annotations

import http.client
import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from leaderboard_server import Server, call, make_challenge, predictions_with, public_index

pytestmark = pytest.mark.xdist_group("leaderboard")  # one worker: the module shares one server

N = 200
LABELS = np.random.default_rng(7).integers(0, 10, N)
N_PUBLIC = public_index(N).size


@pytest.fixture(scope="session")
def board(tmp_path_factory):
    folder = tmp_path_factory.mktemp("leaderboard")
    tokens = make_challenge(folder, LABELS, 14, "--daily-limit", "5")
    server = Server(folder / "lb.db")
    try:
        server.start()
        yield server, tokens
    finally:
        server.stop()


def count(server) -> int:
    return call("GET", server.url + "api/standings")[1]["submissions"]


def test_a_submission_is_scored_ranked_and_listed(board):
    server, tokens = board
    status, health, _ = call("GET", server.url + "api/health")
    assert status == 200 and (health["n"], health["num_classes"], health["revealed"]) == (N, 10, False)
    assert "labels" not in json.dumps(health)
    status, result, _ = call(
        "POST",
        server.url + "api/submit",
        {"predictions": predictions_with(LABELS, 30, 10)},
        token=tokens["team14"],
    )
    assert status == 201, result
    assert result["public_score"] == pytest.approx(30 / N_PUBLIC)
    assert (result["team"], result["remaining_today"]) == ("team14", 4)
    board_ = call("GET", server.url + "api/standings")[1]
    row = next(r for r in board_["public"] if r["team"] == "team14")
    assert row["score"] == pytest.approx(30 / N_PUBLIC) and row["entries"] == 1 and row["last"]
    assert "private" not in board_  # not before the reveal
    status, page, headers = call("GET", server.url, content_type="text/plain")
    assert status == 200 and "EventSource" in page["raw"] and headers["content-type"].startswith("text/html")


def bad_requests(labels):
    good = predictions_with(labels, 5, 5)
    big = b'{"predictions": [' + b"1, " * 400_000 + b"1]}"
    return {
        "short": (422, "wrong_length", {"predictions": good[:-1]}, "application/json", "team13"),
        "long": (422, "wrong_length", {"predictions": good + [1]}, "application/json", "team13"),
        "float": (422, "not_integer", {"predictions": [1.5] + good[1:]}, "application/json", "team13"),
        "integral float": (
            422,
            "not_integer",
            {"predictions": [1.0] + good[1:]},
            "application/json",
            "team13",
        ),
        "string": (422, "not_integer", {"predictions": ["3"] + good[1:]}, "application/json", "team13"),
        "bool": (422, "not_integer", {"predictions": [True] + good[1:]}, "application/json", "team13"),
        "null": (422, "not_integer", {"predictions": [None] + good[1:]}, "application/json", "team13"),
        "negative": (422, "out_of_range", {"predictions": [-1] + good[1:]}, "application/json", "team13"),
        "too big a class": (
            422,
            "out_of_range",
            {"predictions": good[:-1] + [10]},
            "application/json",
            "team13",
        ),
        "not a list": (400, "malformed", {"predictions": "1,2,3"}, "application/json", "team13"),
        "no predictions": (400, "malformed_json", {"labels": good}, "application/json", "team13"),
        "not an object": (400, "malformed_json", good, "application/json", "team13"),
        "broken JSON": (400, "malformed_json", b'{"predictions": [1, 2,', "application/json", "team13"),
        "not UTF-8": (400, "malformed_json", b"\xff\xfe\x00", "application/json", "team13"),
        "broken CSV": (400, "malformed_csv", b"id,label\n0,1,2\n", "text/csv", "team13"),
        "CSV text label": (400, "malformed_csv", b"id,label\n0,cat\n", "text/csv", "team13"),
        "CSV repeated id": (400, "malformed_csv", b"id,label\n0,1\n0,1\n", "text/csv", "team13"),
        "CSV short": (422, "wrong_length", b"id,label\n0,1\n1,2\n", "text/csv", "team13"),
        "oversize": (413, "too_large", big, "application/json", "team13"),
        "other type": (415, "unsupported_type", b"<xml/>", "application/xml", "team13"),
        "no token": (401, "missing_token", {"predictions": good}, "application/json", None),
        "wrong token": (
            401,
            "wrong_token",
            {"predictions": good},
            "application/json",
            "13.notthesecretatall",
        ),
        "garbage token": (401, "wrong_token", {"predictions": good}, "application/json", "garbage"),
        "unknown team id": (401, "wrong_token", {"predictions": good}, "application/json", "99.abcdef"),
        "another team's token": (
            403,
            "other_team",
            {"predictions": good, "team": "team13"},
            "application/json",
            "team12",
        ),
    }


@pytest.mark.parametrize("case", list(bad_requests(LABELS)))
def test_bad_input_is_a_clear_4xx_and_stores_nothing(board, case):
    server, tokens = board
    status, code, body, kind, who = bad_requests(LABELS)[case]
    token = tokens.get(who, who)
    before = count(server)
    got, payload, _ = call("POST", server.url + "api/submit", body, token=token, content_type=kind)
    assert (got, payload.get("error")) == (status, code), payload
    assert len(payload["detail"]) > 15  # a sentence, not a bare code
    assert count(server) == before


def test_csv_uploads_are_scored_like_json(board):
    server, tokens = board
    predictions = predictions_with(LABELS, 40, 0)
    rows = [f"{i},{p}" for i, p in reversed(list(enumerate(predictions)))]  # any order of ids
    status, raw, _ = call(
        "POST",
        server.url + "api/submit",
        "id,label\n" + "\n".join(rows),
        token=tokens["team12"],
        content_type="text/csv",
    )
    assert status == 201 and raw["public_score"] == pytest.approx(40 / N_PUBLIC), raw
    boundary = "visiondl-boundary"
    form = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n" + "\n".join(rows) + f"\r\n--{boundary}--\r\n"
    ).encode()
    status, upload, _ = call(
        "POST",
        server.url + "api/submit",
        form,
        token=tokens["team12"],
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert status == 201 and upload["public_score"] == raw["public_score"], upload


def test_the_daily_limit_refuses_the_sixth_submission(board):
    server, tokens = board
    for i in range(5):
        status, result, _ = call(
            "POST",
            server.url + "api/submit",
            {"predictions": predictions_with(LABELS, i, 0)},
            token=tokens["team11"],
        )
        assert status == 201 and result["remaining_today"] == 4 - i
    before = count(server)
    status, result, headers = call(
        "POST",
        server.url + "api/submit",
        {"predictions": predictions_with(LABELS, 9, 0)},
        token=tokens["team11"],
    )
    assert (status, result["error"]) == (429, "daily_limit") and int(headers["Retry-After"]) > 0
    assert "midnight UTC" in result["detail"] and count(server) == before


def test_50_concurrent_submissions_from_10_teams_are_all_recorded_and_ranked(board):
    server, tokens = board
    jobs = [(f"team{k:02d}", 5 * k + j) for k in range(1, 11) for j in range(5)]  # team k's best: 5k + 4

    def send(job):
        team, right = job
        return call(
            "POST",
            server.url + "api/submit",
            {"predictions": predictions_with(LABELS, right, 0, seed=right)},
            token=tokens[team],
        )

    before = count(server)
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(send, jobs))
    assert [a[0] for a in answers] == [201] * 50, [a[1] for a in answers if a[0] != 201]
    for (_, right), (_, result, _) in zip(jobs, answers):
        assert result["public_score"] == pytest.approx(right / N_PUBLIC)
    assert len({a[1]["id"] for a in answers}) == 50
    standings = call("GET", server.url + "api/standings")[1]
    assert standings["submissions"] == before + 50
    best = {r["team"]: r["score"] for r in standings["public"]}  # teams of the other tests, as they are
    best.update({f"team{k:02d}": (5 * k + 4) / N_PUBLIC for k in range(1, 11)})  # ours, computed here
    assert len(set(best.values())) == len(best)  # the other tests' scores differ from ours: no ties
    expected = sorted(best, key=lambda team: -best[team])
    got = {r["team"]: r for r in standings["public"]}
    assert [r["team"] for r in standings["public"]] == expected
    for rank, team in enumerate(expected, start=1):
        assert got[team]["rank"] == rank and got[team]["score"] == pytest.approx(best[team])
    assert all(got[f"team{k:02d}"]["entries"] == 5 for k in range(1, 11))


def test_tokens_are_stored_hashed_only(board):
    server, tokens = board
    con = sqlite3.connect(server.db)
    try:
        dump = "\n".join(con.iterdump())
    finally:
        con.close()
    assert not any(token in dump or token.split(".", 1)[1] in dump for token in tokens.values())
    assert con is not None and "token_hash" in dump


def test_the_daily_limit_holds_under_a_race(board):
    server, tokens = board
    body = {"predictions": predictions_with(LABELS, 60, 0)}
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(
            pool.map(
                lambda _: call("POST", server.url + "api/submit", body, token=tokens["team13"]), range(10)
            )
        )
    assert sorted(a[0] for a in answers) == [201] * 5 + [429] * 5
    row = next(r for r in call("GET", server.url + "api/standings")[1]["public"] if r["team"] == "team13")
    assert row["entries"] == 5


def test_an_oversize_chunked_body_is_cut_off(board):
    server, tokens = board
    before = count(server)
    host, port = "127.0.0.1", server.port
    connection = http.client.HTTPConnection(host, port, timeout=30)
    chunks = (b"[" + b"1, " * 50_000 for _ in range(10))  # 1.5 MB without a Content-Length
    try:
        connection.request(
            "POST",
            "/api/submit",
            body=chunks,
            headers={"Authorization": f"Bearer {tokens['team13']}", "Content-Type": "application/json"},
            encode_chunked=True,
        )
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may answer and close before the client has sent everything
    response = connection.getresponse()
    assert response.status == 413 and json.loads(response.read())["error"] == "too_large"
    connection.close()
    assert count(server) == before
