"""Repositories for releases: freezes, emergency releases, announcements and the scheduler lease."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.orm import Session

from storage.models.releases import EmergencyRelease, ReleaseFreeze
from storage.repositories.base import insert_ignoring_conflicts


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
