"""Reconciliation for missed GitHub deliveries, as the program sees it: which pull requests are followed, what
a run did, and the shape of the reader that asks GitHub (stdlib only; the REST client lives in slackbot.github)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from slackbot.domain.github import PullRequestEvent

DEFAULT_API_URL = "https://api.github.com"


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


# Reads every tracked pull request and hands each event it finds to `apply` (True: it changed something).
Reconciler = Callable[[Iterable[TrackedPull], Callable[[PullRequestEvent], bool]], SyncReport]
