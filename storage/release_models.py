"""Typed models for releases: freezes, emergency releases, announcements, and the scheduler's lock."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Timestamp


class ReleaseFreeze(Base):
    """A Wednesday with no release (freeze or holiday); its changes move to the next release."""

    __tablename__ = "release_freezes"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str | None] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class EmergencyRelease(Base):
    """A staff-declared one-off release with its own cutoff."""

    __tablename__ = "emergency_releases"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_date: Mapped[date] = mapped_column(Date, index=True)
    cutoff: Mapped[datetime] = mapped_column(Timestamp)
    reason: Mapped[str | None] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class Announcement(Base):
    """A channel-wide message to partners (a release, or written by staff), fanned out through the outbox."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "manual" or "release"
    text: Mapped[str] = mapped_column(Text)
    stages: Mapped[list[str] | None] = mapped_column(JSON)  # audience: partners with an integration at these
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))  # draft, sending, cancelled
    channel_count: Mapped[int] = mapped_column(default=0)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    sent_at: Mapped[datetime | None] = mapped_column(Timestamp)


class SchedulerLock(Base):
    """A lease: only the holder runs the scheduler; another worker takes over when the lease expires."""

    __tablename__ = "scheduler_lock"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(Timestamp)
