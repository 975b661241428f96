"""What the release views show (frozen; built by services, drawn by renderers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from slackbot.domain.releases import ReleaseWindow


@dataclass(frozen=True)
class ReleaseItem:
    """An integration in (or waiting for) a release."""

    slug: str
    name: str
    partner_name: str
    merged_at: datetime | None
    release: date | None


@dataclass(frozen=True)
class DeployReport:
    """/devcenter deploys: the next window and, for a partner, which changes make it."""

    window: ReleaseWindow
    time_left: timedelta
    makes_it: tuple[ReleaseItem, ...] = ()
    misses: tuple[ReleaseItem, ...] = ()
    waiting_merge: tuple[ReleaseItem, ...] = ()
    frozen: tuple[date, ...] = ()


@dataclass(frozen=True)
class ReleaseCard:
    """The release-day card for staff."""

    release: date
    items: tuple[ReleaseItem, ...]
    timezone: str
    shipped_by: str | None = None
    shipped_at: datetime | None = None


@dataclass(frozen=True)
class AnnouncementPreview:
    """What an announcement will do before it is sent."""

    announcement_id: int
    text: str
    channels: tuple[str, ...]
    stages: tuple[str, ...]
    notify_everyone: bool = False


@dataclass(frozen=True)
class AnnouncementProgress:
    """Delivery log of an announcement: per-status counts and the channels still waiting or failed."""

    announcement_id: int
    text: str
    total: int
    sent: int
    pending: int
    failed: int
    failed_channels: tuple[str, ...] = ()
