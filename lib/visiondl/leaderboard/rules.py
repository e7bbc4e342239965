"""Pure rules of a Kaggle-style in-class challenge: split, tokens, scores, ranks, input checks.

Nothing here touches the database or the network, so every rule is testable on its own.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import numpy as np

PBKDF2_ROUNDS = 20_000  # tokens carry 144 random bits; the salted hash only keeps a stolen DB useless


class SubmissionError(Exception):
    """A refused request: HTTP status, a short machine code and a sentence for people."""

    def __init__(self, status: int, code: str, detail: str, headers: dict | None = None):
        super().__init__(detail)
        self.status, self.code, self.detail, self.headers = status, code, detail, headers or {}

    def to_json(self) -> dict:
        return {"error": self.code, "detail": self.detail}


def split_public(n: int, public_fraction: float, seed: int) -> np.ndarray:
    """Return the sorted indices of the public part (Kaggle: a seeded random fraction of the test set)."""
    if not 0 < public_fraction < 1:
        raise ValueError(f"public fraction must lie strictly between 0 and 1, not {public_fraction}")
    n_public = max(1, min(n - 1, round(n * public_fraction)))
    return np.sort(np.random.default_rng(seed).permutation(n)[:n_public])


def new_token(team_id: int) -> str:
    """Return a fresh secret token `<team id>.<random>`; the id lets the server find the hash to check."""
    return f"{team_id}.{secrets.token_urlsafe(18)}"


def hash_secret(token: str, salt: bytes | None = None) -> tuple[str, str]:
    """Return (salt hex, PBKDF2-SHA256 hex) of a token."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", token.encode(), salt, PBKDF2_ROUNDS)
    return salt.hex(), digest.hex()


def check_secret(token: str, salt_hex: str, hash_hex: str) -> bool:
    """Compare a token with its stored salted hash in constant time."""
    return hmac.compare_digest(hash_secret(token, bytes.fromhex(salt_hex))[1], hash_hex)


def team_id_of(token: str) -> int | None:
    """Return the team id written in a token, or None when the token is not of our form."""
    head, _, rest = token.partition(".")
    return int(head) if head.isdigit() and rest else None


def accuracy(predictions: np.ndarray, labels: np.ndarray, index: np.ndarray) -> float:
    """Return the fraction of `index` where the predictions equal the labels."""
    return float(np.mean(predictions[index] == labels[index]))


def check_predictions(values: Sequence, n: int, num_classes: int) -> np.ndarray:
    """Return predictions as int64 after checking length, integer type and class range."""
    if not isinstance(values, list):
        raise SubmissionError(400, "malformed", '"predictions" must be a JSON list of class ids.')
    if len(values) != n:
        raise SubmissionError(
            422, "wrong_length", f"expected {n} predictions (one per test image), got {len(values)}."
        )
    bad = next((i for i, v in enumerate(values) if type(v) is not int), None)
    if bad is not None:
        raise SubmissionError(
            422,
            "not_integer",
            f"prediction {bad} is {values[bad]!r}; every prediction must be an integer class id.",
        )
    array = np.asarray(values, dtype=np.int64) if values else np.zeros(0, np.int64)
    out = np.flatnonzero((array < 0) | (array >= num_classes))
    if out.size:
        i = int(out[0])
        raise SubmissionError(
            422, "out_of_range", f"prediction {i} is {values[i]}; class ids run from 0 to {num_classes - 1}."
        )
    return array


def parse_json_body(body: bytes) -> dict:
    """Return the JSON object of a request body, or raise a 400 SubmissionError."""
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SubmissionError(400, "malformed_json", f"the body is not valid JSON ({error}).") from None
    if not isinstance(payload, dict):
        raise SubmissionError(400, "malformed_json", 'the body must be a JSON object {"predictions": [...]}.')
    return payload


def parse_csv(text: str, n: int) -> list:
    """Return the labels of an `id,label` CSV (header optional, ids 0..n-1 each once, any order)."""
    rows = [r for r in csv.reader(io.StringIO(text)) if r and any(c.strip() for c in r)]
    if rows and not rows[0][0].strip().lstrip("-").isdigit():
        rows = rows[1:]  # a header such as id,label
    labels: list = [None] * n
    for line, row in enumerate(rows, start=1):
        if len(row) != 2:
            raise SubmissionError(
                400, "malformed_csv", f"CSV row {line} has {len(row)} fields; expected id,label."
            )
        try:
            i, label = int(row[0]), int(row[1])
        except ValueError:
            raise SubmissionError(
                400, "malformed_csv", f"CSV row {line} is {row}; id and label must be integers."
            ) from None
        if not 0 <= i < n or labels[i] is not None:
            raise SubmissionError(
                400, "malformed_csv", f"CSV row {line}: id {i} is out of 0..{n - 1} or repeated."
            )
        labels[i] = label
    if len(rows) != n:
        raise SubmissionError(
            422, "wrong_length", f"expected {n} predictions (one per test image), got {len(rows)}."
        )
    return labels


def day_start(now: datetime) -> datetime:
    """Return the last UTC midnight: the daily limit resets then, as on Kaggle."""
    return now.astimezone(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)


def seconds_to_reset(now: datetime) -> int:
    return math.ceil((day_start(now) + timedelta(days=1) - now).total_seconds())


@dataclass
class Entry:
    """One scored submission, as the ranking rules see it."""

    id: int
    team: str
    created: datetime
    public: float
    private: float
    chosen: bool


def public_board(entries: list[Entry], teams: list[str]) -> list[dict]:
    """Rank teams by best public score; ties go to whoever reached that score first (Kaggle)."""
    rows = []
    for team in teams:
        mine = [e for e in entries if e.team == team]
        if not mine:
            continue
        best = min(mine, key=lambda e: (-e.public, e.created, e.id))
        last = max(e.created for e in mine)
        rows.append(
            {
                "team": team,
                "score": best.public,
                "entries": len(mine),
                "last": last,
                "_key": (-best.public, best.created, best.id),
            }
        )
    return _ranked(rows)


def counted(mine: list[Entry], max_chosen: int) -> list[Entry]:
    """Return the submissions that count for the private board: the chosen ones, else the best public ones."""
    chosen = [e for e in mine if e.chosen]
    return chosen if chosen else sorted(mine, key=lambda e: (-e.public, e.created, e.id))[:max_chosen]


def private_board(entries: list[Entry], teams: list[str], max_chosen: int) -> list[dict]:
    """Rank teams by the best private score of their counted submissions; show the public rank beside."""
    public_rank = {r["team"]: r["rank"] for r in public_board(entries, teams)}
    rows = []
    for team in teams:
        mine = [e for e in entries if e.team == team]
        if not mine:
            continue
        best = min(counted(mine, max_chosen), key=lambda e: (-e.private, e.created, e.id))
        rows.append(
            {
                "team": team,
                "score": best.private,
                "public_rank": public_rank[team],
                "entries": len(mine),
                "last": max(e.created for e in mine),
                "_key": (-best.private, best.created, best.id),
            }
        )
    rows = _ranked(rows)
    for row in rows:
        row["shake_up"] = row["public_rank"] - row["rank"]  # > 0: climbed on the private board
    return rows


def best_over_time(entries: list[Entry]) -> list[dict]:
    """Return the submissions that raised the best public score, in time order (the plot's steps)."""
    steps, best = [], -1.0
    for e in sorted(entries, key=lambda e: (e.created, e.id)):
        if e.public > best:
            best = e.public
            steps.append({"time": e.created, "score": e.public, "team": e.team})
    return steps


def _ranked(rows: list[dict]) -> list[dict]:
    rows.sort(key=lambda r: r.pop("_key"))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return rows
