"""Reconciliation for missed deliveries: read each tracked open pull request and apply what GitHub says.

The caller says which pull requests are tracked and how to apply an event (the same path a webhook takes,
deduplicated by `effect_key`); this module does the reading and the bookkeeping. A pull request GitHub
refuses (deleted, no access) is reported and skipped; GitHub being unavailable stops the run at once, so a
rate limit is never hammered: the next scheduled run starts over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from slackbot.domain.github import PullRequestEvent
from slackbot.github.rest import GitHubRefused, GitHubUnavailable

log = logging.getLogger("slackbot.github.sync")


class PullReader(Protocol):
    """What reconciliation needs from a REST client (GitHubRest, or a test double)."""

    def missed_events(self, number: int, *, since: datetime | None = None) -> tuple[PullRequestEvent, ...]:
        """The events a pull request's current state implies."""
        ...


@dataclass(frozen=True)
class TrackedPull:
    """An open pull request the bot follows; `since`: when it was last submitted for review."""

    number: int
    since: datetime | None = None


@dataclass(frozen=True)
class SyncReport:
    """What one reconciliation run did."""

    checked: int = 0
    seen: int = 0
    applied: int = 0
    refused: tuple[str, ...] = ()
    stopped: str | None = None

    @property
    def line(self) -> str:
        """One line for the job log and the CLI."""
        text = f"checked {self.checked} pull requests, {self.seen} events, {self.applied} applied"
        if self.refused:
            text += f", {len(self.refused)} refused"
        return text + (f"; stopped: {self.stopped}" if self.stopped else "")


def sync_pulls(
    reader: PullReader, tracked: Iterable[TrackedPull], apply: Callable[[PullRequestEvent], bool]
) -> SyncReport:
    """Apply every missed event of every tracked pull request; `apply` returns whether it changed anything."""
    checked = seen = applied = 0
    refused: list[str] = []
    for pull in tracked:
        try:
            events = reader.missed_events(pull.number, since=pull.since)
        except GitHubUnavailable as error:
            report = SyncReport(checked, seen, applied, tuple(refused), str(error))
            log.warning("github sync: %s", report.line)
            return report
        except GitHubRefused as error:
            refused.append(str(error))
            log.warning("github sync: %s", error)
            continue
        checked += 1
        seen += len(events)
        applied += sum(1 for event in events if apply(event))
    report = SyncReport(checked, seen, applied, tuple(refused))
    log.info("github sync: %s", report.line)
    return report
