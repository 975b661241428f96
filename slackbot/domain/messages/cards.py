"""Payloads of staff cards: the access and review cards, and the edit that retires an older card (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from slackbot.domain.messages.base import MessageKind, Payload
from slackbot.domain.views.reviews import Card


@dataclass(frozen=True)
class AccessCard(Payload):
    """Staff: a new access request with Approve / Decline."""

    kind = MessageKind.ACCESS_CARD
    card: Card


@dataclass(frozen=True)
class ReviewCard(Payload):
    """Staff: an integration's card with the buttons legal now."""

    kind = MessageKind.REVIEW_CARD
    card: Card


@dataclass(frozen=True)
class CardSuperseded(Payload):
    """Replaces an older review card after a resubmission (it edits that message: no buttons left)."""

    kind = MessageKind.CARD_SUPERSEDED
    edits_parent = True
    name: str
    slug: str
    at: datetime
    timezone: str


@dataclass(frozen=True)
class ReviewCardUpdate(Payload):
    """The review card as it stands after a change made outside Slack (GitHub): it edits that message in place."""

    kind = MessageKind.REVIEW_CARD_UPDATE
    edits_parent = True
    card: Card
