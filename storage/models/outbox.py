"""The notification outbox and the Events API deliveries already handled."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from slackbot.domain.messages import OutboxStatus
from storage.models.base import Base, Timestamp, enum_column


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
    status: Mapped[OutboxStatus] = mapped_column(enum_column(OutboxStatus, 16), default=OutboxStatus.PENDING)
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
