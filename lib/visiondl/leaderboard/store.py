"""The challenge's database through SQLAlchemy 2: SQLite file by default, any SQLAlchemy URL.

Every submission is one committed transaction. SQLite runs in WAL mode with a busy timeout and
`BEGIN IMMEDIATE`, and a process lock serialises writers; PostgreSQL locks the team's row, so
the daily limit holds under concurrent submissions either way.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.orm import Session

from visiondl.leaderboard import rules
from visiondl.leaderboard.models import Base, Challenge, Submission, Team, utc
from visiondl.leaderboard.rules import SubmissionError


def database_url(db: str) -> str:
    """Return an SQLAlchemy URL: a URL as given, a plain path as an SQLite file."""
    return db if "://" in db else f"sqlite:///{Path(db).expanduser().resolve()}"


class Store:
    """All reads and writes of one challenge database."""

    def __init__(self, db: str):
        self.url = database_url(db)
        self.sqlite = self.url.startswith("sqlite")
        self.engine = create_engine(self.url, connect_args={"timeout": 30} if self.sqlite else {})
        self._write_lock = threading.Lock()
        self._parsed = None
        self._verified: dict[
            bytes, Team
        ] = {}  # tokens already checked, keyed by an HMAC with a per-process key
        self._cache_key = secrets.token_bytes(32)
        if self.sqlite:
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        self.writer = self.engine.execution_options(immediate=True)
        Base.metadata.create_all(self.engine)

    # -- instructor ------------------------------------------------------------------------------
    def create(
        self,
        labels,
        num_classes,
        teams,
        *,
        public_fraction=0.5,
        seed=0,
        daily_limit=5,
        deadline=None,
        max_chosen=2,
        title="In-class challenge",
        classes=(),
    ) -> dict[str, str]:
        """Store a new challenge and its teams; return {team: token}, the only time tokens exist in clear."""
        labels = np.asarray(labels, dtype=np.int64).ravel()
        if labels.size < 2 or labels.min() < 0 or labels.max() >= num_classes:
            raise ValueError(f"labels must be at least 2 integers in 0..{num_classes - 1}")
        if len(set(teams)) != len(teams) or not teams:
            raise ValueError("team names must be given and unique")
        public = rules.split_public(labels.size, public_fraction, seed)
        with self._write_lock, Session(self.writer) as s, s.begin():
            if s.scalar(select(func.count()).select_from(Challenge)):
                raise ValueError(f"{self.url} already holds a challenge; give a new --db")
            s.add(
                Challenge(
                    id=1,
                    title=title,
                    num_classes=int(num_classes),
                    labels=json.dumps(labels.tolist()),
                    public_index=json.dumps(public.tolist()),
                    classes=json.dumps(list(classes)),
                    daily_limit=daily_limit,
                    max_chosen=max_chosen,
                    deadline=utc(deadline),
                    created=datetime.now(timezone.utc),
                )
            )
            tokens = {}
            for i, name in enumerate(teams, start=1):
                tokens[name] = rules.new_token(i)
                salt, digest = rules.hash_secret(tokens[name])
                s.add(Team(id=i, name=name, salt=salt, token_hash=digest))
        return tokens

    def reveal(self) -> None:
        with self._write_lock, Session(self.writer) as s, s.begin():
            s.get(Challenge, 1).revealed = datetime.now(timezone.utc)

    # -- reading -----------------------------------------------------------------------------------
    def challenge(self) -> Challenge:
        with Session(self.engine, expire_on_commit=False) as s:
            c = s.get(Challenge, 1)
            if c is None:
                raise ValueError(f"{self.url} holds no challenge; run `visiondl leaderboard create` first")
            s.expunge(c)
            return c

    def _answers(self, c: Challenge) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (labels, public indices, private indices), parsed once: they never change."""
        if self._parsed is None:
            labels = np.asarray(json.loads(c.labels), dtype=np.int64)
            public = np.asarray(json.loads(c.public_index), dtype=np.int64)
            self._parsed = labels, public, np.setdiff1d(np.arange(labels.size), public)
        return self._parsed

    def info(self) -> dict:
        """Return the public facts of the challenge (no labels)."""
        c = self.challenge()
        return {
            "title": c.title,
            "n": self._answers(c)[0].size,
            "num_classes": c.num_classes,
            "classes": json.loads(c.classes),
            "daily_limit": c.daily_limit,
            "max_chosen": c.max_chosen,
            "deadline": _iso(c.deadline),
            "revealed": c.revealed is not None,
        }

    def fingerprint(self) -> tuple:
        """Return something that changes whenever the boards change (cheap to poll)."""
        with Session(self.engine) as s:
            return (s.scalar(select(func.max(Submission.id))), s.scalar(select(Challenge.revealed)))

    def entries(self) -> tuple[list[rules.Entry], list[str]]:
        with Session(self.engine) as s:
            teams = {t.id: t.name for t in s.scalars(select(Team).order_by(Team.id))}
            rows = s.execute(
                select(
                    Submission.id,
                    Submission.team_id,
                    Submission.created,
                    Submission.public_score,
                    Submission.private_score,
                    Submission.chosen,
                )
            ).all()
        entries = [
            rules.Entry(r.id, teams[r.team_id], utc(r.created), r.public_score, r.private_score, r.chosen)
            for r in rows
        ]
        return entries, list(teams.values())

    def standings(self, private: bool | None = None) -> dict:
        """Return the public board, the best-score steps and (once revealed) the private board."""
        c = self.challenge()
        entries, teams = self.entries()
        out = {
            "challenge": self.info(),
            "public": _isos(rules.public_board(entries, teams)),
            "history": _isos(rules.best_over_time(entries)),
            "submissions": len(entries),
        }
        if private or (private is None and c.revealed is not None):
            out["private"] = _isos(rules.private_board(entries, teams, c.max_chosen))
        return out

    # -- students ----------------------------------------------------------------------------------
    def authenticate(self, token: str | None, team: str | None = None) -> Team:
        """Return the team of a token; 401 for a missing or wrong token, 403 for another team's."""
        if not token:
            raise SubmissionError(
                401, "missing_token", "no token: send it as 'Authorization: Bearer <token>'."
            )
        key = hmac.new(self._cache_key, token.encode(), hashlib.sha256).digest()
        found = self._verified.get(key)
        if found is None:
            found = self._check_token(token)
            self._verified[key] = found
        if team is not None and team != found.name:
            raise SubmissionError(403, "other_team", f"this token belongs to another team, not to {team!r}.")
        return found

    def _check_token(self, token: str) -> Team:
        team_id = rules.team_id_of(token)
        with Session(self.engine) as s:
            found = s.get(Team, team_id) if team_id is not None else None
            if found is not None:
                s.expunge(found)
        if found is None or not rules.check_secret(token, found.salt, found.token_hash):
            raise SubmissionError(
                401, "wrong_token", "this token is not valid; check the one your instructor gave you."
            )
        return found

    def submit(self, team: Team, values: list, chosen: bool = False, now: datetime | None = None) -> dict:
        """Check, score and store one submission in a single transaction; return its scores and rank."""
        c = self.challenge()
        now = now or datetime.now(timezone.utc)
        if c.revealed is not None:
            raise SubmissionError(403, "revealed", "the private leaderboard is out: the challenge is over.")
        if c.deadline is not None and now >= utc(c.deadline):
            raise SubmissionError(
                403, "deadline_passed", f"the challenge closed at {_iso(c.deadline)}; no more submissions."
            )
        labels, public, private = self._answers(c)
        predictions = rules.check_predictions(values, labels.size, c.num_classes)
        with self._write_lock, Session(self.writer) as s, s.begin():
            s.scalar(
                select(Team.id).where(Team.id == team.id).with_for_update()
            )  # PostgreSQL: one writer per team
            today = s.scalar(
                select(func.count()).where(
                    Submission.team_id == team.id, Submission.created >= rules.day_start(now)
                )
            )
            if today >= c.daily_limit:
                wait = rules.seconds_to_reset(now)
                raise SubmissionError(
                    429,
                    "daily_limit",
                    f"team {team.name!r} used its {c.daily_limit} submissions "
                    f"for today; the limit resets at midnight UTC (in {wait} s).",
                    {"Retry-After": str(wait)},
                )
            if chosen:
                self._check_room(s, team, c.max_chosen)
            row = Submission(
                team_id=team.id,
                created=now,
                public_score=rules.accuracy(predictions, labels, public),
                private_score=rules.accuracy(predictions, labels, private),
                chosen=chosen,
                predictions=json.dumps(predictions.tolist()),
            )
            s.add(row)
            s.flush()
            result = {
                "id": row.id,
                "team": team.name,
                "public_score": row.public_score,
                "chosen": chosen,
                "remaining_today": c.daily_limit - today - 1,
            }
        board = self.standings(private=False)["public"]
        mine = next(r for r in board if r["team"] == team.name)
        return {
            **result,
            "rank": mine["rank"],
            "best_public_score": mine["score"],
            "entries": mine["entries"],
            "teams": len(board),
        }

    def choose(self, team: Team, submission_id: int, chosen: bool = True) -> dict:
        """Mark (or unmark) one of a team's submissions as counted for the private board."""
        c = self.challenge()
        if c.revealed is not None or (
            c.deadline is not None and datetime.now(timezone.utc) >= utc(c.deadline)
        ):
            raise SubmissionError(403, "closed", "the challenge is closed; the chosen submissions are final.")
        with self._write_lock, Session(self.writer) as s, s.begin():
            row = s.get(Submission, submission_id)
            if row is None or row.team_id != team.id:
                raise SubmissionError(
                    404, "no_such_submission", f"team {team.name!r} has no submission {submission_id}."
                )
            if chosen and not row.chosen:
                self._check_room(s, team, c.max_chosen)
            row.chosen = chosen
            n = s.scalar(select(func.count()).where(Submission.team_id == team.id, Submission.chosen))
        return {"id": submission_id, "chosen": chosen, "chosen_count": n, "max_chosen": c.max_chosen}

    @staticmethod
    def _check_room(s: Session, team: Team, max_chosen: int) -> None:
        n = s.scalar(select(func.count()).where(Submission.team_id == team.id, Submission.chosen))
        if n >= max_chosen:
            raise SubmissionError(
                409,
                "too_many_chosen",
                f"team {team.name!r} already chose {n} submissions "
                f"(the most that count); unchoose one first via /api/choose.",
            )


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN IMMEDIATE itself
    for pragma in ("journal_mode=WAL", "busy_timeout=30000", "synchronous=FULL", "foreign_keys=ON"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _sqlite_begin(conn) -> None:
    # Writers take the write lock at BEGIN, so a check-then-insert never races another process.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("immediate") else "BEGIN")


def _iso(moment: datetime | None) -> str | None:
    return utc(moment).isoformat(timespec="seconds") if moment is not None else None


def _isos(rows: list[dict]) -> list[dict]:
    return [{k: _iso(v) if isinstance(v, datetime) else v for k, v in row.items()} for row in rows]
