"""Payloads of access requests: what the requester is told (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from slackbot.domain.messages.base import MessageKind, Payload


@dataclass(frozen=True)
class AccessReceived(Payload):
    """To the requester: the request arrived."""

    kind = MessageKind.ACCESS_RECEIVED
    partner_name: str


@dataclass(frozen=True)
class AccessApproved(Payload):
    """Access approved: what to do next."""

    kind = MessageKind.ACCESS_APPROVED
    partner_name: str
    actor: str


@dataclass(frozen=True)
class AccessDeclined(Payload):
    """Access declined, with the reason staff gave."""

    kind = MessageKind.ACCESS_DECLINED
    partner_name: str
    actor: str
    note: str
    reapply_from: date | None = None  # when the company may apply again
