"""Payloads of launching: public beta and public approvals, and customer verifications (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass

from slackbot.domain.messages.base import MessageKind, Payload
from slackbot.domain.views.launch import VerificationView


@dataclass(frozen=True)
class PublicBetaApproved(Payload):
    """To the partner: public beta, listed in the catalog."""

    kind = MessageKind.PUBLIC_BETA_APPROVED
    partner_name: str
    name: str
    slug: str


@dataclass(frozen=True)
class PublicApproved(Payload):
    """To the partner: public (GA), featured on New & Noteworthy."""

    kind = MessageKind.PUBLIC_APPROVED
    partner_name: str
    name: str
    slug: str


@dataclass(frozen=True)
class VerificationCard(Payload):
    """Staff: a customer verification with Confirm / Reject while it is pending."""

    kind = MessageKind.VERIFICATION_CARD
    verification: VerificationView


@dataclass(frozen=True)
class VerificationConfirmed(Payload):
    """To the partner: a verification counts now, and what the launch rule still needs."""

    kind = MessageKind.VERIFICATION_CONFIRMED
    verification: VerificationView


@dataclass(frozen=True)
class VerificationRejected(Payload):
    """To the partner: staff could not confirm a verification."""

    kind = MessageKind.VERIFICATION_REJECTED
    verification: VerificationView
