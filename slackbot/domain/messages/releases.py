"""Payloads of releases: the release-day card, the cutoff reminder, the private-beta notice (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from slackbot.domain.messages.base import MessageKind, Payload
from slackbot.domain.views.releases import ReleaseCard


@dataclass(frozen=True)
class ReleaseCardMessage(Payload):
    """Staff, on release day: what ships, with "Mark release shipped"."""

    kind = MessageKind.RELEASE_CARD
    card: ReleaseCard


@dataclass(frozen=True)
class CutoffReminder(Payload):
    """To the partner on cutoff day: approved, Segment merges it; what the partner can still do before the cutoff."""

    kind = MessageKind.CUTOFF_REMINDER
    name: str
    slug: str
    cutoff: datetime
    release: date
    timezone: str
    pr_url: str | None = None
    open_requests: tuple[str, ...] = ()  # what Segment asked for and still waits on (titles)
    following: date | None = None  # the release a merge after the cutoff ships in


@dataclass(frozen=True)
class PrivateBeta(Payload):
    """To the partner: shipped in a release, in private beta, with the URL."""

    kind = MessageKind.PRIVATE_BETA
    partner_name: str
    name: str
    slug: str
    url: str
    release: date
