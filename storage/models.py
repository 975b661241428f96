"""Typed SQLAlchemy 2 models. Schema changes go through Alembic (storage/migrations)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from slackbot.domain.lifecycle import Stage


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (which drops offsets) and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


Timestamp = UtcDateTime()
StageColumn = Enum(Stage, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e])


class Base(DeclarativeBase):
    """Declarative base with naming conventions friendly to Alembic."""


class Partner(Base):
    """A company in the program, with its shared Slack channel."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    stage: Mapped[Stage] = mapped_column(StageColumn)
    channel_id: Mapped[str | None] = mapped_column(String(32), index=True)
    website: Mapped[str | None] = mapped_column(String(300))
    survey: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    requested_by: Mapped[str | None] = mapped_column(String(32))
    card_key: Mapped[str | None] = mapped_column(String(255))  # outbox key of the staff access card
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    updated_at: Mapped[datetime] = mapped_column(Timestamp)

    members: Mapped[list[PartnerMember]] = relationship(back_populates="partner")
    integrations: Mapped[list[Integration]] = relationship(back_populates="partner")


class PartnerMember(Base):
    """A Slack user who belongs to a partner (usually an external Slack Connect user)."""

    __tablename__ = "partner_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    slack_user_id: Mapped[str] = mapped_column(String(32), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    is_external: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp)

    partner: Mapped[Partner] = relationship(back_populates="members")


class Integration(Base):
    """A destination a partner builds, moving through the lifecycle."""

    __tablename__ = "integrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    stage: Mapped[Stage] = mapped_column(StageColumn, index=True)
    pr_url: Mapped[str | None] = mapped_column(String(300))
    submitted_at: Mapped[datetime | None] = mapped_column(Timestamp)
    review_due_at: Mapped[datetime | None] = mapped_column(Timestamp)
    approved_at: Mapped[datetime | None] = mapped_column(Timestamp)
    merged_at: Mapped[datetime | None] = mapped_column(Timestamp)
    released_at: Mapped[datetime | None] = mapped_column(Timestamp)
    card_key: Mapped[str | None] = mapped_column(String(255))  # outbox key of the latest review card
    submitted_by: Mapped[str | None] = mapped_column(String(32))
    submission_count: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    updated_at: Mapped[datetime] = mapped_column(Timestamp)

    partner: Mapped[Partner] = relationship(back_populates="integrations")
    requests: Mapped[list[StaffRequest]] = relationship(back_populates="integration", order_by="StaffRequest.id")


class StaffRequest(Base):
    """A request from staff that the partner answers (replay compatibility info, OAuth)."""

    __tablename__ = "staff_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    integration_id: Mapped[int] = mapped_column(ForeignKey("integrations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="open")
    requested_by: Mapped[str] = mapped_column(String(32))
    requested_at: Mapped[datetime] = mapped_column(Timestamp)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(32))
    answered_at: Mapped[datetime | None] = mapped_column(Timestamp)

    integration: Mapped[Integration] = relationship(back_populates="requests")


class AuditEntry(Base):
    """One stage change (or staff request): who, when, from, to, note."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int] = mapped_column(Integer)
    subject_key: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    actor_user_id: Mapped[str] = mapped_column(String(32))
    from_stage: Mapped[str | None] = mapped_column(String(32))
    to_stage: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(Timestamp, index=True)


class OutboxMessage(Base):
    """A notification waiting to go to Slack; written in the same transaction as its cause."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("dedupe_key", name="uq_outbox_dedupe_key"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(64))  # which renderer draws it at delivery time
    channel: Mapped[str] = mapped_column(String(32))  # a channel id, or a user id for a DM
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    thread_of: Mapped[str | None] = mapped_column(String(255))  # dedupe key of the parent message
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(Timestamp)
    claimed_until: Mapped[datetime | None] = mapped_column(Timestamp)
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_channel: Mapped[str | None] = mapped_column(String(32))
    sent_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    sent_at: Mapped[datetime | None] = mapped_column(Timestamp)


class ProcessedEvent(Base):
    """An Events API event_id already handled: Slack retries deliveries, we act once."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(Timestamp)


# -- knowledge base and build Q&A (issue 7) ---------------------------------------------------------


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
    origin: Mapped[str] = mapped_column(String(8))
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
    feedback: Mapped[str | None] = mapped_column(String(16))  # helpful | not_helpful
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
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | answered
    answered_by: Mapped[str | None] = mapped_column(String(32))
    answered_at: Mapped[datetime | None] = mapped_column(Timestamp)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
