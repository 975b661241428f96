"""Payload of a reply to an @mention or a direct message (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slackbot.domain.messages.base import MessageKind, Payload


@dataclass(frozen=True)
class EventReply(Payload):
    """What the bot answers to an event, drawn (already escaped) when the event arrived: it answers what was
    asked then. It is queued in the same transaction that records the event as handled."""

    kind = MessageKind.EVENT_REPLY
    text: str
    blocks: tuple[dict[str, Any], ...]
    private_to: str | None = None  # only this user sees it (chat.postEphemeral)

    def visible_only_to(self) -> str | None:
        """The user of an ephemeral reply."""
        return self.private_to
