"""Outbox messages: kinds, states and one typed payload class per kind, by feature (stdlib only)."""

from slackbot.domain.messages import (
    access,
    announcements,
    cards,
    email,
    events,
    github,
    launch,
    outbox,
    qa,
    releases,
    reviews,
    welcome,
    withdrawals,
)
from slackbot.domain.messages.base import MessageKind, OutboxStatus, Payload, load_payload, payload_class

__all__ = [
    "MessageKind",
    "OutboxStatus",
    "Payload",
    "access",
    "announcements",
    "cards",
    "email",
    "events",
    "github",
    "launch",
    "load_payload",
    "outbox",
    "payload_class",
    "qa",
    "releases",
    "reviews",
    "welcome",
    "withdrawals",
]
