"""The release schedule as stored: the calendar with its freezes, and the emergency releases declared."""

from __future__ import annotations

from datetime import date, datetime

from slackbot.domain.releases import EmergencyRelease, ReleaseCalendar, Schedule, load_zone
from storage.uow import UnitOfWork


def calendar(uow: UnitOfWork, timezone: str) -> ReleaseCalendar:
    """The release calendar with the freezes stored in the database."""
    return ReleaseCalendar(timezone, uow.releases.frozen_days())


def emergencies(uow: UnitOfWork, since: date) -> list[EmergencyRelease]:
    """Staff-declared emergency releases on or after a day."""
    return [EmergencyRelease(e.release_date, e.cutoff) for e in uow.releases.emergencies(since)]


def schedule_on(uow: UnitOfWork, timezone: str, day: date) -> Schedule:
    """Where merges ship, seen on `day`: the freezes and the emergency releases declared from that day on."""
    return Schedule(calendar(uow, timezone), day, tuple(emergencies(uow, day)))


def schedule(uow: UnitOfWork, timezone: str, now: datetime) -> Schedule:
    """Where merges ship, seen today (the program's timezone)."""
    return schedule_on(uow, timezone, now.astimezone(load_zone(timezone)).date())
