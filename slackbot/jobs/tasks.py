"""The jobs: plain functions of the program and `now` (tested with a frozen clock), each a use case's function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slackbot.program import Program
from slackbot.services import cards, github, releases, reviews


@dataclass(frozen=True)
class JobSpec:
    """A scheduled job: its stable id, its function and its cron fields (in DEVCENTER_TZ)."""

    id: str
    run: Callable[[Program, datetime], Any]
    cron: dict[str, str]
    summary: str
    enabled: Callable[[Program], bool] = lambda program: True  # scheduled only when this holds


JOBS: tuple[JobSpec, ...] = (
    JobSpec(
        "cutoff_reminder",
        releases.cutoff_reminders,
        {"day_of_week": "tue", "hour": "9", "minute": "0"},
        "Tuesday: remind partners approved but not merged that the cutoff is today at 5 pm",
    ),
    JobSpec(
        "review_sla",
        reviews.review_sla_nudges,
        {"day_of_week": "mon-fri", "hour": "10", "minute": "0"},
        "weekdays: nudge staff about overdue reviews",
    ),
    JobSpec(
        "release_day",
        releases.release_day,
        {"hour": "8", "minute": "0"},
        'release mornings (Wednesdays and declared emergency releases): the release card with "Mark release shipped"',
    ),
    JobSpec(
        "launch_gates",
        cards.post_ready_cards,
        {"day_of_week": "mon-fri", "hour": "9", "minute": "30"},
        "weekdays: approve cards for beta integrations whose launch rule became met",
    ),
    JobSpec(
        "github_sync",
        github.sync_job,
        {"minute": "17"},
        "hourly (with GITHUB_TOKEN): apply pull request reviews, merges and closes the webhooks missed",
        lambda program: program.settings.github.sync_enabled,
    ),
)
BY_ID = {job.id: job for job in JOBS}
