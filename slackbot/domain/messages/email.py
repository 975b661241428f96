"""The partner email outbox payload, and which Slack notice has an email twin (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slackbot.domain.email import (
    ChangesRequestedFacts,
    EmailFacts,
    EmailKind,
    OAuthRequestFacts,
    PrivateBetaFacts,
    PublicApprovedFacts,
    PublicBetaApprovedFacts,
    ReplayInfoRequestFacts,
    SubmissionAckFacts,
    WelcomeFacts,
    facts_from_dict,
    kind_of,
)
from slackbot.domain.messages.access import AccessApproved
from slackbot.domain.messages.base import MessageKind, Payload
from slackbot.domain.messages.launch import PublicApproved, PublicBetaApproved
from slackbot.domain.messages.releases import PrivateBeta
from slackbot.domain.messages.reviews import ChangesRequested, OAuthRequest, ReplayInfoRequest, SubmissionAck

EMAIL_CHANNEL = "email"  # the outbox row's channel: the address itself is in the payload


@dataclass(frozen=True)
class PartnerEmail(Payload):
    """One email to a partner's contact address; rendered from its facts when it is delivered."""

    kind = MessageKind.PARTNER_EMAIL
    partner_id: int
    to: str
    email: EmailKind
    facts: dict[str, Any]

    def typed_facts(self) -> EmailFacts:
        """The facts, checked against the email kind (ValueError when the row does not fit)."""
        return facts_from_dict(self.email, self.facts)

    @classmethod
    def of(cls, partner_id: int, to: str, facts: EmailFacts) -> PartnerEmail:
        """The payload of `facts` for one address."""
        return cls(partner_id=partner_id, to=to, email=kind_of(facts), facts=facts.to_dict())


def email_facts_for(notice: Payload, timezone: str) -> EmailFacts | None:
    """The email that goes with a Slack notice to a partner, or None when that notice has no email."""
    if isinstance(notice, AccessApproved):
        return WelcomeFacts(partner_name=notice.partner_name, timezone=timezone)
    if not isinstance(notice, _INTEGRATION_NOTICES):
        return None
    who: dict[str, Any] = {
        "partner_name": notice.partner_name, "timezone": timezone, "integration_name": notice.name, "slug": notice.slug,
    }  # fmt: skip
    if isinstance(notice, SubmissionAck):
        return SubmissionAckFacts(**who, pr_url=notice.pr_url, review_due=notice.review_due_at)
    if isinstance(notice, ReplayInfoRequest):
        return ReplayInfoRequestFacts(**who)
    if isinstance(notice, OAuthRequest):
        return OAuthRequestFacts(**who, customers=notice.customers)
    if isinstance(notice, PrivateBeta):
        return PrivateBetaFacts(**who, private_beta_url=notice.url, release_date=notice.release)
    if isinstance(notice, ChangesRequested):
        return ChangesRequestedFacts(**who, reason=notice.note, pr_url=notice.link)
    return (PublicBetaApprovedFacts if isinstance(notice, PublicBetaApproved) else PublicApprovedFacts)(**who)


_INTEGRATION_NOTICES = (
    SubmissionAck,
    ReplayInfoRequest,
    OAuthRequest,
    PrivateBeta,
    ChangesRequested,
    PublicBetaApproved,
    PublicApproved,
)
