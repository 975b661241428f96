"""Typed models for releases: freezes, emergency releases, announcements, and the scheduler's lock."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, Timestamp


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
