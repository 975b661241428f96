"""Build Q&A: the states of asked questions and escalations (stdlib only)."""

from __future__ import annotations

from enum import StrEnum


class Rating(StrEnum):
    """How the asker rated an answer."""

    HELPFUL = "helpful"
    NOT_HELPFUL = "not_helpful"


class EscalationStatus(StrEnum):
    """A question handed to staff waits for a reply, then it is answered."""

    OPEN = "open"
    ANSWERED = "answered"


class EntryOrigin(StrEnum):
    """Where a knowledge-base entry comes from: the reviewed files, or a staff answer saved from Slack."""

    FILE = "file"
    STAFF = "staff"
