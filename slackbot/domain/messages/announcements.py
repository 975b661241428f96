"""Payload of a channel-wide announcement (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from slackbot.domain.messages.base import MessageKind, Payload


@dataclass(frozen=True)
class Announcement(Payload):
    """The announcement as posted in each channel: staff-written mrkdwn (a ping only when staff chose one)."""

    kind = MessageKind.ANNOUNCEMENT
    announcement_id: int
    text: str
    notify_everyone: bool = False


@dataclass(frozen=True)
class ReleaseAnnouncement(Payload):
    """Posted when a release shipped: which integrations are now in private beta."""

    kind = MessageKind.RELEASE_ANNOUNCEMENT
    announcement_id: int
    release: date
    names: tuple[str, ...]
