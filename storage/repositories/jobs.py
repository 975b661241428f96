"""The scheduler's database lease."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, delete, update
from sqlalchemy.orm import Session

from storage.models.jobs import SchedulerLock
from storage.repositories.base import insert_ignoring_conflicts


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
