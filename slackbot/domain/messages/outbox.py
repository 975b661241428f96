"""Payload of the alert staff get when a notification could not be delivered (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass

from slackbot.domain.messages.base import MessageKind, Payload


@dataclass(frozen=True)
class StaffAlert(Payload):
    """An outbox message gave up: which one, of what kind, and the last error."""

    kind = MessageKind.STAFF_ALERT
    outbox_id: int
    message_kind: str
    error: str
