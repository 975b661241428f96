"""Knowledge base and build Q&A: entries, their version, asked questions, escalations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from slackbot.domain.qa import EntryOrigin, EscalationStatus, Rating
from storage.models.base import Base, Timestamp, enum_column


class KbEntryRow(Base):
    """A knowledge-base entry: loaded from the YAML files (origin 'file') or saved by staff ('staff')."""

    __tablename__ = "kb_entries"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    questions: Mapped[list[str]] = mapped_column(JSON)
    answer: Mapped[str] = mapped_column(Text)
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    as_of: Mapped[date]
    tags: Mapped[list[str]] = mapped_column(JSON)
    origin: Mapped[EntryOrigin] = mapped_column(enum_column(EntryOrigin, 8))
    file: Mapped[str | None] = mapped_column(String(100))  # the YAML file it came from / is exported to
    position: Mapped[int | None]  # order within that file
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    updated_at: Mapped[datetime] = mapped_column(Timestamp)


class KbVersion(Base):
    """One row: bumped on every change to kb_entries, so each process knows when to rebuild its index."""

    __tablename__ = "kb_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


class KbQuestion(Base):
    """A question someone asked the bot, what it answered, and how it went."""

    __tablename__ = "kb_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    asker: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str | None] = mapped_column(String(32))
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    best_entry_id: Mapped[str | None] = mapped_column(String(80))
    score: Mapped[float] = mapped_column(default=0.0)
    answered: Mapped[bool] = mapped_column(default=False)
    feedback: Mapped[Rating | None] = mapped_column(enum_column(Rating, 16))
    feedback_at: Mapped[datetime | None] = mapped_column(Timestamp)
    escalated: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(Timestamp, index=True)


class KbEscalation(Base):
    """A question handed to staff: posted in the review channel, staff replies relayed to the partner."""

    __tablename__ = "kb_escalations"
    __table_args__ = (Index("ix_kb_escalations_staff_ts", "staff_channel", "staff_ts"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("kb_questions.id", ondelete="CASCADE"), unique=True)
    question: Mapped[str] = mapped_column(Text)
    asker: Mapped[str] = mapped_column(String(32))
    partner_channel: Mapped[str] = mapped_column(String(32))
    partner_thread_ts: Mapped[str | None] = mapped_column(String(32))
    staff_channel: Mapped[str] = mapped_column(String(32))
    staff_key: Mapped[str] = mapped_column(String(255))  # outbox dedupe key of the post in the review channel
    staff_ts: Mapped[str | None] = mapped_column(String(32))  # filled in once that post is delivered
    relay_key: Mapped[str | None] = mapped_column(String(255))  # outbox key of the first reply relayed
    status: Mapped[EscalationStatus] = mapped_column(enum_column(EscalationStatus, 16), default=EscalationStatus.OPEN)
    answered_by: Mapped[str | None] = mapped_column(String(32))
    answered_at: Mapped[datetime | None] = mapped_column(Timestamp)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
