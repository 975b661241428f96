"""Announcements: their kinds and states (stdlib only)."""

from __future__ import annotations

from enum import StrEnum


class AnnouncementKind(StrEnum):
    """Written by staff, or posted by the bot when a release ships."""

    MANUAL = "manual"
    RELEASE = "release"


class AnnouncementStatus(StrEnum):
    """A draft (previewed, nothing sent), then sending (queued in the outbox)."""

    DRAFT = "draft"
    SENDING = "sending"
    CANCELLED = "cancelled"
