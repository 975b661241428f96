"""Channel-wide announcements, fanned out through the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from slackbot.domain.announcements import AnnouncementKind, AnnouncementStatus
from storage.models.base import Base, Timestamp, enum_column


class Announcement(Base):
    """A channel-wide message to partners (a release, or written by staff), fanned out through the outbox."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AnnouncementKind] = mapped_column(enum_column(AnnouncementKind, 16))
    text: Mapped[str] = mapped_column(Text)
    stages: Mapped[list[str] | None] = mapped_column(JSON)  # audience: partners with an integration at these
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[AnnouncementStatus] = mapped_column(enum_column(AnnouncementStatus, 16))
    channel_count: Mapped[int] = mapped_column(default=0)
    notify_everyone: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    sent_at: Mapped[datetime | None] = mapped_column(Timestamp)
