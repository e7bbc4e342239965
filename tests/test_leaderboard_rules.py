"""The leaderboard's pure rules: the seeded split, token hashes, ties, chosen entries, shake-up."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from visiondl.leaderboard import rules
from visiondl.leaderboard.rules import Entry, SubmissionError

T0 = datetime(2026, 12, 1, 13, 0, tzinfo=timezone.utc)


def test_the_split_is_seeded_disjoint_and_of_the_asked_size():
    a, b = rules.split_public(1000, 0.3, seed=4), rules.split_public(1000, 0.3, seed=4)
    assert np.array_equal(a, b) and a.size == 300 and np.unique(a).size == 300
    assert not np.array_equal(a, rules.split_public(1000, 0.3, seed=5))
    with pytest.raises(ValueError):
        rules.split_public(10, 1.0, 0)


def test_a_token_checks_against_its_salted_hash_only():
    token = rules.new_token(7)
    salt, digest = rules.hash_secret(token)
    assert rules.team_id_of(token) == 7 and token not in digest
    assert rules.check_secret(token, salt, digest)
    assert not rules.check_secret(token + "x", salt, digest)
    assert rules.hash_secret(token)[1] != digest  # a fresh salt each time
    assert rules.team_id_of("garbage") is None and rules.team_id_of("3.") is None


@pytest.mark.parametrize(
    ("values", "code"), [([1, 2], "wrong_length"), ([1, 2.0, 3], "not_integer"), ([0, 1, 10], "out_of_range")]
)
def test_predictions_are_checked(values, code):
    with pytest.raises(SubmissionError) as caught:
        rules.check_predictions(values, 3, 10)
    assert caught.value.code == code and caught.value.status == 422


def test_public_ties_go_to_the_earlier_team_and_history_keeps_only_improvements():
    entries = [
        Entry(1, "late", T0 + timedelta(minutes=5), 0.8, 0.1, False),
        Entry(2, "early", T0, 0.8, 0.1, False),
        Entry(3, "early", T0 + timedelta(minutes=9), 0.5, 0.9, False),
    ]
    board = rules.public_board(entries, ["late", "early", "idle"])
    assert [(r["team"], r["rank"], r["entries"]) for r in board] == [("early", 1, 2), ("late", 2, 1)]
    assert [(h["team"], h["score"]) for h in rules.best_over_time(entries)] == [("early", 0.8)]


def test_the_private_board_counts_chosen_entries_else_the_best_public_ones():
    entries = [
        Entry(1, "a", T0, 0.9, 0.2, False),
        Entry(2, "a", T0 + timedelta(minutes=1), 0.6, 0.95, False),  # a's best private, but not counted
        Entry(3, "b", T0, 0.7, 0.5, True),
        Entry(4, "b", T0 + timedelta(minutes=1), 0.8, 0.99, False),  # not chosen: does not count
    ]
    board = rules.private_board(entries, ["a", "b"], max_chosen=1)
    assert [(r["team"], r["score"], r["public_rank"], r["shake_up"]) for r in board] == [
        ("b", 0.5, 2, 1),
        ("a", 0.2, 1, -1),
    ]
    assert rules.private_board(entries, ["a", "b"], max_chosen=2)[0]["team"] == "a"  # a's top two count


def test_csv_parsing_accepts_any_order_and_a_header():
    assert rules.parse_csv("id,label\n1,7\n0,3\n", 2) == [3, 7]
    assert rules.parse_csv("0,3\n1,7\n", 2) == [3, 7]


def test_the_daily_limit_resets_at_midnight_utc_and_the_deadline_is_exact(tmp_path):
    from visiondl.leaderboard.store import Store

    store = Store(str(tmp_path / "s.db"))
    labels = np.arange(20) % 10
    tokens = store.create(labels, 10, ["a"], daily_limit=2, deadline=T0 + timedelta(days=1))
    team = store.authenticate(tokens["a"])
    evening = T0.replace(hour=23, minute=58)
    for minute in range(2):
        store.submit(team, labels.tolist(), now=evening + timedelta(minutes=minute))
    with pytest.raises(SubmissionError) as caught:
        store.submit(team, labels.tolist(), now=evening + timedelta(minutes=1, seconds=30))
    assert caught.value.status == 429 and caught.value.headers["Retry-After"] == "30"
    assert store.submit(team, labels.tolist(), now=evening + timedelta(minutes=2))["remaining_today"] == 1
    with pytest.raises(SubmissionError) as caught:
        store.submit(team, labels.tolist(), now=T0 + timedelta(days=1))
    assert caught.value.code == "deadline_passed"
    assert store.standings()["submissions"] == 3


def test_create_with_the_cifar10_contract_reads_the_challenge_labels(tmp_path, monkeypatch, capsys):
    import sys
    import types

    from visiondl.leaderboard import cli

    fake = types.ModuleType("visiondl.cifar")
    fake.challenge_labels = lambda: np.arange(1000, dtype=np.int64) % 10
    fake.challenge_classes = lambda: ["airplane", "automobile", "bird", "cat", "deer"] + ["x"] * 5
    import visiondl

    # `from visiondl import cifar` finds the package attribute first once the real module is loaded
    monkeypatch.setitem(sys.modules, "visiondl.cifar", fake)
    monkeypatch.setattr(visiondl, "cifar", fake, raising=False)
    assert cli.main(["create", "--db", str(tmp_path / "c.db"), "--dataset", "cifar10", "--teams", "30"]) == 0
    assert "1000 test labels (500 public, 500 private), 10 classes, 30 teams" in capsys.readouterr().out
    monkeypatch.setitem(sys.modules, "visiondl.cifar", None)  # not there: a message, not a traceback
    monkeypatch.delattr(visiondl, "cifar")
    assert cli.main(["create", "--db", str(tmp_path / "d.db"), "--dataset", "cifar10", "--teams", "3"]) == 2
    assert "use --labels FILE" in capsys.readouterr().err
