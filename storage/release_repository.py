"""Repositories for releases: freezes, emergency releases, announcements and the scheduler lease."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session

from storage.delivery import insert_ignoring_conflicts
from storage.release_models import Announcement, EmergencyRelease, ReleaseFreeze, SchedulerLock


class ReleaseRepository:
    """Freezes (skipped Wednesdays) and emergency releases."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def freezes(self) -> Sequence[ReleaseFreeze]:
        """Every freeze, earliest first."""
        return self.session.scalars(select(ReleaseFreeze).order_by(ReleaseFreeze.day)).all()

    def frozen_days(self) -> frozenset[date]:
        """The skipped Wednesdays, for the calendar."""
        return frozenset(self.session.scalars(select(ReleaseFreeze.day)))

    def add_freeze(self, day: date, reason: str | None, by: str, now: datetime) -> bool:
        """Freeze a Wednesday; False when it was already frozen."""
        return insert_ignoring_conflicts(
            self.session, ReleaseFreeze, {"day": day, "reason": reason, "created_by": by, "created_at": now}
        )

    def remove_freeze(self, day: date) -> bool:
        """Unfreeze a Wednesday; False when it was not frozen."""
        result: CursorResult[Any] = self.session.execute(  # type: ignore[assignment]
            delete(ReleaseFreeze).where(ReleaseFreeze.day == day)
        )
        return result.rowcount == 1

    def emergencies(self, since: date) -> Sequence[EmergencyRelease]:
        """Emergency releases on or after a day."""
        query = select(EmergencyRelease).where(EmergencyRelease.release_date >= since)
        return self.session.scalars(query.order_by(EmergencyRelease.release_date)).all()

    def add_emergency(
        self, release_date: date, cutoff: datetime, reason: str | None, by: str, now: datetime
    ) -> EmergencyRelease:
        """Declare an emergency release."""
        row = EmergencyRelease(release_date=release_date, cutoff=cutoff, reason=reason, created_by=by, created_at=now)
        self.session.add(row)
        self.session.flush()
        return row


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
    ) -> Announcement:
        """Store a draft."""
        row = Announcement(
            kind=kind,
            text=text,
            stages=stages,
            payload=payload,
            status="draft",
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
        query = select(Announcement).where(Announcement.status == "sending").order_by(Announcement.id.desc())
        return self.session.scalars(query).first()

    def start_sending(self, announcement_id: int, channel_count: int, now: datetime) -> bool:
        """Draft → sending, once (a double click sends nothing twice)."""
        statement = (
            update(Announcement)
            .where(Announcement.id == announcement_id, Announcement.status == "draft")
            .values(status="sending", channel_count=channel_count, sent_at=now)
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1


class LockRepository:
    """A named lease in the database: one holder at a time, taken over once it expires."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def acquire(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        """Take or renew the lease; False while another holder's lease is still valid."""
        if insert_ignoring_conflicts(
            self.session, SchedulerLock, {"name": name, "holder": holder, "expires_at": until}
        ):
            return True
        statement = (
            update(SchedulerLock)
            .where(SchedulerLock.name == name, (SchedulerLock.holder == holder) | (SchedulerLock.expires_at < now))
            .values(holder=holder, expires_at=until)
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1

    def release(self, name: str, holder: str) -> None:
        """Give the lease up (on a clean shutdown)."""
        self.session.execute(delete(SchedulerLock).where(SchedulerLock.name == name, SchedulerLock.holder == holder))

    def holder(self, name: str) -> SchedulerLock | None:
        """Who holds the lease (maybe expired)."""
        return self.session.get(SchedulerLock, name)
