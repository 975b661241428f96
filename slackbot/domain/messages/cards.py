"""Payloads of staff cards: the access and review cards, and the edit that retires an older card (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

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


class SupersededBy(StrEnum):
    """Why an older card was retired."""

    RESUBMISSION = "resubmission"
    NEWER_CARD = "newer_card"  # staff posted the card again, or its launch gates passed


@dataclass(frozen=True)
class CardSuperseded(Payload):
    """Replaces an older review card after a resubmission or a newer card (it edits that message: no buttons left)."""

    kind = MessageKind.CARD_SUPERSEDED
    edits_parent = True
    name: str
    slug: str
    at: datetime
    timezone: str
    by: SupersededBy = SupersededBy.RESUBMISSION


@dataclass(frozen=True)
class CardUpdated(Payload):
    """The live card of an integration, re-rendered after a change made elsewhere (it edits the card)."""

    kind = MessageKind.CARD_UPDATED
    edits_parent = True
    card: Card
