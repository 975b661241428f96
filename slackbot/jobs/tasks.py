"""The jobs: plain functions of the services and `now` (tested with a frozen clock)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slackbot.services import Services, reminders


def cutoff_reminder(services: Services, now: datetime) -> int:
    """Tuesday: remind partners approved but not merged that the cutoff is today at 5 pm."""
    return reminders.cutoff_reminders(services.uow, now, services.timezone)


def review_sla(services: Services, now: datetime) -> int:
    """Weekdays: nudge staff about overdue reviews."""
    return reminders.review_sla_nudges(services.uow, now, services.timezone, services.review_channel)


def release_day(services: Services, now: datetime) -> bool:
    """Wednesday morning: the release card with "Mark release shipped"."""
    return reminders.release_day(services.uow, now, services.timezone, services.review_channel)


def launch_gates(services: Services, now: datetime) -> int:
    """Daily: approve cards for beta integrations whose launch rule became met by the passing of time."""
    return reminders.launch_gates(
        services.uow, now, rule=services.launch_rule, timezone=services.timezone, review_channel=services.review_channel
    )


@dataclass(frozen=True)
class JobSpec:
    """A scheduled job: its stable id, its function and its cron fields (in DEVCENTER_TZ)."""

    id: str
    run: Callable[[Services, datetime], Any]
    cron: dict[str, str]


JOBS: tuple[JobSpec, ...] = (
    JobSpec("cutoff_reminder", cutoff_reminder, {"day_of_week": "tue", "hour": "9", "minute": "0"}),
    JobSpec("review_sla", review_sla, {"day_of_week": "mon-fri", "hour": "10", "minute": "0"}),
    JobSpec("release_day", release_day, {"day_of_week": "wed", "hour": "8", "minute": "0"}),
    JobSpec("launch_gates", launch_gates, {"day_of_week": "mon-fri", "hour": "9", "minute": "30"}),
)
BY_ID = {job.id: job for job in JOBS}
