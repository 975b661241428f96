"""Email kinds, their typed facts (JSON-safe and validated both ways) and the address check."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest

from slackbot.domain.email import (
    FACTS,
    ChangesRequestedFacts,
    EmailKind,
    OAuthRequestFacts,
    PrivateBetaFacts,
    SubmissionAckFacts,
    WelcomeFacts,
    email_problem,
    facts_from_dict,
    kind_of,
)

TZ = "America/Los_Angeles"
ACK = SubmissionAckFacts(
    partner_name="Acme",
    timezone=TZ,
    slack_channel="acme-devcenter",
    integration_name="Acme Analytics",
    slug="acme-analytics",
    pr_url="https://github.com/segmentio/action-destinations/pull/1234",
    review_due=datetime(2026, 12, 2, 1, 0, tzinfo=UTC),
)
BETA = PrivateBetaFacts(
    partner_name="Rocket",
    timezone=TZ,
    integration_name="Rocket Metrics",
    slug="rocket-metrics",
    private_beta_url="https://app.segment.com/goto-my-workspace/destinations/catalog/rocket-metrics",
    release_date=date(2026, 12, 2),
)


def test_there_are_the_five_checklist_emails_and_three_more() -> None:
    assert {k.value for k in EmailKind} == {
        "welcome",
        "submission_ack",
        "replay_info_request",
        "oauth_request",
        "private_beta",
        "public_beta_approved",
        "public_approved",
        "changes_requested",
    }
    assert set(FACTS) == set(EmailKind)


@pytest.mark.parametrize("facts", [ACK, BETA, WelcomeFacts(partner_name="Casey Co", timezone="UTC")])
def test_facts_survive_a_trip_through_json(facts: SubmissionAckFacts | PrivateBetaFacts | WelcomeFacts) -> None:
    stored = json.loads(json.dumps(facts.to_dict()))
    assert facts_from_dict(kind_of(facts), stored) == facts


def test_dates_and_times_are_stored_as_iso_8601_strings() -> None:
    assert ACK.to_dict()["review_due"] == "2026-12-02T01:00:00+00:00"
    assert BETA.to_dict()["release_date"] == "2026-12-02"


def test_optional_facts_may_be_left_out_of_the_dict() -> None:
    facts = OAuthRequestFacts.from_dict(
        {"partner_name": "Acme", "timezone": TZ, "integration_name": "Acme Analytics", "slug": "acme-analytics"}
    )
    assert facts.note is None and facts.customers is None and facts.slack_channel is None


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"slug": None}, "slug is required"),
        ({"slug": 42}, "slug must be str"),
        ({"partner_name": "   "}, "partner_name must not be blank"),
        ({"review_due": "next tuesday"}, "not an ISO 8601 datetime"),
        ({"review_due": "2026-12-01T17:00:00"}, "timezone-aware"),
        ({"review_due": 1764637200}, "ISO 8601 string"),
        ({"timezone": "Mars/Olympus_Mons"}, "unknown timezone"),
        ({"colour": "blue"}, "unknown fields colour"),
    ],
)
def test_a_bad_dict_is_refused_with_the_field_it_is_about(change: dict[str, object], complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        SubmissionAckFacts.from_dict({**ACK.to_dict(), **change})


def test_a_dict_missing_a_required_fact_names_it() -> None:
    stored = ACK.to_dict()
    del stored["pr_url"]
    with pytest.raises(ValueError, match="missing fields pr_url"):
        SubmissionAckFacts.from_dict(stored)


def test_a_release_date_is_a_date_not_a_moment() -> None:
    with pytest.raises(
        ValueError, match=re.escape("release_date: '2026-12-02T08:00:00+00:00' is not an ISO 8601 date")
    ):
        PrivateBetaFacts.from_dict({**BETA.to_dict(), "release_date": "2026-12-02T08:00:00+00:00"})
    with pytest.raises(ValueError, match="release_date must be date, not datetime"):
        PrivateBetaFacts(**{**BETA.__dict__, "release_date": datetime(2026, 12, 2, 8, 0, tzinfo=UTC)})


def test_a_customer_count_is_a_number_not_a_boolean() -> None:
    stored = {"partner_name": "Acme", "timezone": TZ, "integration_name": "Acme", "slug": "acme", "customers": True}
    with pytest.raises(ValueError, match="customers must be int"):
        OAuthRequestFacts.from_dict(stored)


def test_facts_refuse_a_naive_datetime_when_built_directly() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        SubmissionAckFacts(**{**ACK.__dict__, "review_due": datetime(2026, 12, 1, 17, 0)})


def test_something_that_is_not_a_dict_is_refused() -> None:
    with pytest.raises(ValueError, match="expected a dict"):
        ChangesRequestedFacts.from_dict(["reason"])  # type: ignore[arg-type]


def test_an_unknown_email_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown email kind"):
        facts_from_dict("newsletter", {})


@pytest.mark.parametrize(
    "address",
    ["pat@acme.com", "pat.smith+devcenter@acme.co.uk", "o'brien@acme.io", "x@a-b.example", "PAT@ACME.COM"],
)
def test_ordinary_addresses_are_fine(address: str) -> None:
    assert email_problem(address) is None


@pytest.mark.parametrize(
    ("address", "complaint"),
    [
        ("", "required"),
        ("pat acme.com", "no spaces"),
        ("pat@acme.com\n", "no spaces"),
        ("Pat <pat@acme.com>", "without a name"),
        ("patacme.com", "exactly one @"),
        ("pat@@acme.com", "exactly one @"),
        ("pät@acme.com", "ASCII"),
        (".pat@acme.com", "before @"),
        ("pat..smith@acme.com", "before @"),
        ("@acme.com", "before @"),
        ("pat@acme", "domain name"),
        ("pat@-acme.com", "domain name"),
        ("pat@acme..com", "domain name"),
        ("pat@", "domain name"),
        ("pat@192.168.0.1", "not an IP address"),
        ("p" * 65 + "@acme.com", "before @"),
        ("pat@" + "a" * 250 + ".com", "254"),
    ],
)
def test_a_bad_address_is_refused_with_a_clear_message(address: str, complaint: str) -> None:
    problem = email_problem(address)
    assert problem is not None and complaint in problem
