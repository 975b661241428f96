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

    def to_payload(self) -> dict[str, object]:
        """JSON-safe form for the outbox."""
        return {
            "release": self.release.isoformat(),
            "timezone": self.timezone,
            "shipped_by": self.shipped_by,
            "shipped_at": self.shipped_at.isoformat() if self.shipped_at else None,
            "items": [
                {
                    "slug": i.slug,
                    "name": i.name,
                    "partner_name": i.partner_name,
                    "merged_at": i.merged_at.isoformat() if i.merged_at else None,
                }
                for i in self.items
            ],
        }

    @classmethod
    def from_payload(cls, data: dict[str, object]) -> ReleaseCard:
        """Inverse of to_payload."""
        items = tuple(
            ReleaseItem(
                i["slug"],
                i["name"],
                i["partner_name"],
                datetime.fromisoformat(i["merged_at"]) if i.get("merged_at") else None,
                date.fromisoformat(str(data["release"])),
            )
            for i in data["items"]
        )  # type: ignore[attr-defined]
        shipped_at = data.get("shipped_at")
        return cls(
            date.fromisoformat(str(data["release"])),
            items,
            str(data["timezone"]),
            data.get("shipped_by"),
            datetime.fromisoformat(shipped_at) if shipped_at else None,
        )  # type: ignore[arg-type]


@dataclass(frozen=True)
class AnnouncementPreview:
    """What an announcement will do before it is sent."""

    announcement_id: int
    text: str
    channels: tuple[str, ...]
    stages: tuple[str, ...]


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
