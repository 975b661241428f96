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
    pr_url: str | None = None
    link: str | None = None  # staff: the permalink of its review card
    released_at: datetime | None = None  # shipped: when staff marked its release shipped
    carried_from: date | None = None  # merged for an earlier release that went out without it


@dataclass(frozen=True)
class ReleasePlan:
    """One release from today on: what ships in it, what already shipped in it, what still waits for a merge."""

    release: date
    cutoff: datetime | None  # the last merge that makes it
    emergency: bool = False
    today: bool = False  # the release happens today
    ships: tuple[ReleaseItem, ...] = ()  # approved and merged into it, not shipped yet
    shipped: tuple[ReleaseItem, ...] = ()  # moved to private beta today
    waiting: tuple[ReleaseItem, ...] = ()  # approved, not merged: they make it if merged by the cutoff


@dataclass(frozen=True)
class FrozenDay:
    """A Wednesday without a release, and the release its work moves to."""

    day: date
    moves_to: date


@dataclass(frozen=True)
class DeployReport:
    """/devcenter deploys: the window a merge now makes, and the releases from today on (the partner's, or all)."""

    window: ReleaseWindow
    time_left: timedelta
    plans: tuple[ReleasePlan, ...] = ()
    frozen: tuple[FrozenDay, ...] = ()
    staff: bool = False

    def plan(self, release: date) -> ReleasePlan | None:
        """The plan of one release day, if there is one."""
        return next((p for p in self.plans if p.release == release), None)

    @property
    def earlier(self) -> tuple[ReleasePlan, ...]:
        """Releases before the window: their cutoff passed (today's release, or one going out tomorrow)."""
        return tuple(p for p in self.plans if p.release < self.window.release)

    @property
    def later(self) -> tuple[ReleasePlan, ...]:
        """Releases after the window that already have merged work."""
        return tuple(p for p in self.plans if p.release > self.window.release)


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
