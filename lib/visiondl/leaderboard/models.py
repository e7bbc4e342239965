"""The challenge's tables (SQLAlchemy 2 ORM): the challenge with its hidden labels, teams, submissions."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Challenge(Base):
    """The one challenge of a database: hidden labels, public indices and the rules."""

    __tablename__ = "challenge"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    num_classes: Mapped[int] = mapped_column(Integer)
    labels: Mapped[str] = mapped_column(Text)  # JSON list; never leaves the server
    public_index: Mapped[str] = mapped_column(Text)  # JSON list of sorted indices
    classes: Mapped[str] = mapped_column(Text, default="[]")
    daily_limit: Mapped[int] = mapped_column(Integer)
    max_chosen: Mapped[int] = mapped_column(Integer)
    deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revealed: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Team(Base):
    __tablename__ = "team"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    salt: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(128))


class Submission(Base):
    __tablename__ = "submission"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    public_score: Mapped[float] = mapped_column(Float)
    private_score: Mapped[float] = mapped_column(Float)
    chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    predictions: Mapped[str] = mapped_column(Text)  # JSON list, kept for audits and re-scoring


def utc(moment: datetime | None) -> datetime | None:
    """Return a datetime as aware UTC (SQLite gives back naive datetimes)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
