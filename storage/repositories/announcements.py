"""Queries on announcements."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from slackbot.domain.announcements import AnnouncementKind, AnnouncementStatus
from storage.models.announcements import Announcement


class AnnouncementRepository:
    """Announcements and their drafts."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        kind: str,
        text: str,
        stages: list[str] | None,
        by: str,
        now: datetime,
        payload: dict[str, Any] | None = None,
        notify_everyone: bool = False,
    ) -> Announcement:
        """Store a draft."""
        row = Announcement(
            notify_everyone=notify_everyone,
            kind=kind,
            text=text,
            stages=stages,
            payload=payload,
            status=AnnouncementStatus.DRAFT,
            channel_count=0,
            created_by=by,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, announcement_id: int) -> Announcement | None:
        """An announcement by id."""
        return self.session.get(Announcement, announcement_id)

    def latest_sent(self) -> Announcement | None:
        """The newest announcement that went out."""
        query = (
            select(Announcement)
            .where(Announcement.status == AnnouncementStatus.SENDING)
            .order_by(Announcement.id.desc())
        )
        return self.session.scalars(query).first()

    def sent_since(self, text: str, since: datetime) -> Announcement | None:
        """The newest manual announcement with exactly this text sent at or after `since` (a repeated command)."""
        query = (
            select(Announcement)
            .where(
                Announcement.status == AnnouncementStatus.SENDING,
                Announcement.kind == AnnouncementKind.MANUAL,
                Announcement.text == text,
                Announcement.sent_at >= since,
            )
            .order_by(Announcement.id.desc())
        )
        return self.session.scalars(query).first()

    def start_sending(self, announcement_id: int, channel_count: int, now: datetime) -> bool:
        """Draft → sending, once (a double click sends nothing twice)."""
        statement = (
            update(Announcement)
            .where(Announcement.id == announcement_id, Announcement.status == AnnouncementStatus.DRAFT)
            .values(status=AnnouncementStatus.SENDING, channel_count=channel_count, sent_at=now)
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1
