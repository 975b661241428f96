"""Everything the web sandbox takes from the bot itself (database, outbox, jobs), in one place.

The rest of the sandbox talks to the emulator (workspace, DSL, harness) only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from apscheduler.triggers.cron import CronTrigger

from slackbot.domain.messages.base import UNDELIVERED
from slackbot.emulator.github_console import recent
from slackbot.emulator.github_payloads import FakePull
from slackbot.emulator.harness import Harness
from slackbot.jobs.tasks import BY_ID, JOBS
from storage.db import make_engine, upgrade

STATUSES = ("pending", "sent", "failed", "skipped")  # "pending": every row the worker still owes


@dataclass(frozen=True)
class OutboxRow:
    """One notification in the outbox, without its payload (which may hold partner secrets)."""

    id: int
    kind: str
    channel: str
    status: str
    attempts: int
    created_at: datetime
    last_error: str | None


@dataclass(frozen=True)
class OutboxSummary:
    """Counts per status and the newest rows."""

    counts: dict[str, int]
    recent: list[OutboxRow]


@dataclass(frozen=True)
class JobInfo:
    """A scheduled job as the sandbox lists it."""

    id: str
    summary: str
    schedule: str
    next_run: datetime | None


@dataclass(frozen=True)
class GitHubPanel:
    """What the GitHub panel shows: the fake GitHub's pull requests and its newest deliveries."""

    repository: str
    pulls: list[tuple[int, str]]  # (number, state)
    deliveries: list[str]


def github_panel(harness: Harness) -> GitHubPanel | None:
    """The fake GitHub as the panel lists it (None when the sandbox has none)."""
    github = harness.github
    if github is None:
        return None
    pulls = [(p.number, "merged" if p.merged_at else p.state) for p in sorted(github.pulls.values(), key=_number)]
    return GitHubPanel(github.repository, pulls, recent(github))


def _number(pull: FakePull) -> int:
    return pull.number


def fresh_database(path: Path) -> str:
    """Delete the sandbox's SQLite file (and its WAL), migrate a new one and return its URL."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def start_outbox(harness: Harness) -> None:
    """Run the bot's outbox worker in the background, as a deployed bot does (retries arrive on their own)."""
    harness.bot.outbox.start()


def stop_outbox(harness: Harness) -> None:
    """Stop the background outbox worker."""
    harness.bot.outbox.stop()


def outbox_counts(harness: Harness) -> dict[str, int]:
    """How many outbox rows are pending (maybe sent included: still owed), sent, failed and skipped."""
    with harness.bot.program.uow() as uow:
        counts = uow.outbox.counts()
    owed = sum(counts.get(status, 0) for status in UNDELIVERED)
    return {status: owed if status == "pending" else counts.get(status, 0) for status in STATUSES}


def outbox_summary(harness: Harness, limit: int = 8) -> OutboxSummary:
    """Counts and the newest `limit` rows, newest first."""
    with harness.bot.program.uow() as uow:
        rows = uow.outbox.latest(limit)
        recent = [OutboxRow(r.id, r.kind, r.channel, r.status, r.attempts, r.created_at, r.last_error) for r in rows]
    return OutboxSummary(outbox_counts(harness), recent)


def jobs(now: datetime, timezone: str) -> list[JobInfo]:
    """The scheduled jobs with their schedule and next run after `now` (in the program's timezone)."""
    found = []
    for job in JOBS:
        trigger = CronTrigger(timezone=timezone, **job.cron)
        summary = job.summary
        found.append(JobInfo(job.id, summary, _schedule(job.cron), trigger.get_next_fire_time(None, now)))
    return found


def _schedule(cron: dict[str, str]) -> str:
    if "hour" not in cron:
        return f"Hourly at :{int(cron.get('minute', '0')):02d}"
    days = cron.get("day_of_week", "every day").replace("-", "–").title()
    return f"{days} {int(cron.get('hour', '0')):02d}:{int(cron.get('minute', '0')):02d}"


def run_job(harness: Harness, job_id: str) -> object:
    """Run a scheduled job now, at the sandbox clock's time, and deliver what it queued."""
    if job_id not in BY_ID:
        raise ValueError(f"no job {job_id!r}; jobs: {', '.join(BY_ID)}")
    return harness.run_job(job_id)
