"""Reconciliation for missed deliveries: read each tracked open pull request and apply what GitHub says.

The caller says which pull requests are tracked and how to apply an event (the same path a webhook takes,
deduplicated by `effect_key`); this module does the reading and the bookkeeping. A pull request GitHub
refuses (deleted, no access) is reported and skipped; GitHub being unavailable stops the run at once, so a
rate limit is never hammered: the next scheduled run starts over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Protocol

from slackbot.domain.github import PullRequestEvent
from slackbot.domain.github_sync import SyncReport, TrackedPull
from slackbot.github.rest import GitHubRefused, GitHubUnavailable

__all__ = ["PullReader", "SyncReport", "TrackedPull", "sync_pulls"]

log = logging.getLogger("slackbot.github.sync")


class PullReader(Protocol):
    """What reconciliation needs from a REST client (GitHubRest, or a test double)."""

    def missed_events(self, number: int, *, since: datetime | None = None) -> tuple[PullRequestEvent, ...]:
        """The events a pull request's current state implies."""
        ...


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
