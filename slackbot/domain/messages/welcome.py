"""Payloads of the welcome a partner's user gets, once (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass

from slackbot.domain.messages.base import MessageKind, Payload


@dataclass(frozen=True)
class WelcomeInChannel(Payload):
    """Posted in the partner's shared channel when one of its users joins it."""

    kind = MessageKind.WELCOME_CHANNEL
    user_id: str
    partner_name: str
    channel_id: str


@dataclass(frozen=True)
class WelcomeByDm(Payload):
    """Sent by direct message to the same user."""

    kind = MessageKind.WELCOME_DM
    user_id: str
    partner_name: str
    channel_id: str
