"""Payloads of withdrawals: an integration left the program (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass

from slackbot.domain.lifecycle import Stage
from slackbot.domain.messages.base import MessageKind, Payload


@dataclass(frozen=True)
class IntegrationWithdrawn(Payload):
    """To the partner, and in the thread of the staff card: an integration was withdrawn, by whom, and why."""

    kind = MessageKind.INTEGRATION_WITHDRAWN
    partner_name: str
    name: str
    slug: str
    actor: str
    from_stage: Stage
    note: str = ""
    by_staff: bool = False
