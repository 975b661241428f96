"""Which Slack notices have an email twin, and the email outbox payload's round trip (stdlib only, no I/O)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from slackbot.domain.email import EmailKind, kind_of
from slackbot.domain.messages import Payload, load_payload
from slackbot.domain.messages.access import AccessApproved, AccessDeclined
from slackbot.domain.messages.email import PartnerEmail, email_facts_for
from slackbot.domain.messages.launch import PublicApproved, PublicBetaApproved
from slackbot.domain.messages.releases import PrivateBeta
from slackbot.domain.messages.reviews import (
    ChangesRequested,
    Merged,
    OAuthRequest,
    ReplayInfoRequest,
    ReviewApproved,
    SubmissionAck,
)

DUE = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
WHO = ("Acme", "Acme Analytics", "acme-analytics")
TWINS: list[tuple[Payload, EmailKind]] = [
    (AccessApproved("Acme", "U0STAFF001"), EmailKind.WELCOME),
    (
        SubmissionAck(*WHO, "https://github.com/segmentio/action-destinations/pull/1", DUE, "UTC"),
        EmailKind.SUBMISSION_ACK,
    ),
    (ReplayInfoRequest(*WHO, request_id=3), EmailKind.REPLAY_INFO_REQUEST),
    (OAuthRequest(*WHO, request_id=4, customers=5), EmailKind.OAUTH_REQUEST),
    (PrivateBeta(*WHO, "https://app.segment.com/x", date(2026, 11, 25)), EmailKind.PRIVATE_BETA),
    (PublicBetaApproved(*WHO), EmailKind.PUBLIC_BETA_APPROVED),
    (PublicApproved(*WHO), EmailKind.PUBLIC_APPROVED),
    (ChangesRequested(*WHO, actor="U0STAFF001", note="Add tests"), EmailKind.CHANGES_REQUESTED),
]


@pytest.mark.parametrize(("notice", "kind"), TWINS, ids=[k.value for _, k in TWINS])
def test_each_key_notice_has_its_email_and_the_payload_round_trips(notice: Payload, kind: EmailKind) -> None:
    facts = email_facts_for(notice, "America/Los_Angeles")
    assert facts is not None and kind_of(facts) is kind
    payload = PartnerEmail.of(7, "pat@acme.example.com", facts)
    again = load_payload(payload.kind, payload.to_dict())
    assert isinstance(again, PartnerEmail) and again.typed_facts() == facts and again.to == "pat@acme.example.com"


def test_every_email_kind_has_a_notice() -> None:
    assert {kind for _, kind in TWINS} == set(EmailKind)


@pytest.mark.parametrize(
    "notice",
    [
        AccessDeclined("Acme", "U0STAFF001", "Not a fit"),
        ReviewApproved(*WHO, release=date(2026, 11, 25), cutoff=DUE, timezone="UTC"),
        Merged(*WHO, release=date(2026, 11, 25)),
    ],
)
def test_other_notices_send_no_email(notice: Payload) -> None:
    assert email_facts_for(notice, "UTC") is None


def test_a_tampered_row_fails_loudly() -> None:
    facts = email_facts_for(ReplayInfoRequest(*WHO, request_id=3), "UTC")
    assert facts is not None
    row = PartnerEmail.of(7, "pat@acme.example.com", facts).to_dict()
    row["facts"] = {**row["facts"], "slug": 42}
    with pytest.raises(ValueError, match="slug"):
        load_payload("partner_email", row).typed_facts()  # type: ignore[attr-defined]
