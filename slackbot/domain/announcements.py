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


MAX_TEXT = 2900


class AnnounceField(StrEnum):
    """The fields of the compose modal; also its block ids."""

    MESSAGE = "message"
    STAGES = "stages"
    NOTIFY = "notify"
