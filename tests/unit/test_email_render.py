"""Partner emails read well as text and HTML, carry their facts, escape HTML and never show Slack markup."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import UTC, date, datetime
from html import unescape
from itertools import pairwise
from typing import Any

import pytest

from slackbot.domain.email import (
    FACTS,
    ChangesRequestedFacts,
    EmailFacts,
    EmailKind,
    OAuthRequestFacts,
    ReplayInfoRequestFacts,
    SubmissionAckFacts,
    WelcomeFacts,
)
from slackbot.render.email import render_email, unslack, when

TZ = "America/Los_Angeles"
PR = "https://github.com/segmentio/action-destinations/pull/1234"
BETA_URL = "https://app.segment.com/goto-my-workspace/destinations/catalog/acme-analytics"
FAKE_VALUES: dict[type, Any] = {datetime: datetime(2026, 12, 2, 1, 0, tzinfo=UTC), date: date(2026, 12, 2), int: 5}
VIVID = {
    "partner_name": "Acme",
    "integration_name": "Acme Analytics",
    "slug": "acme-analytics",
    "slack_channel": "acme-devcenter",
    "pr_url": PR,
    "private_beta_url": BETA_URL,
    "reason": "Please add unit tests for the identify action.",
    "note": "We saw 2015 timestamps in your tests.",
}
HOSTILE = "<b>Acme</b> & <script>alert(1)</script> <!channel> *bold* <https://x.example|y> <@U123> \"q\" 'q'"
SLACK_MARKUP = [
    re.compile(r"<!(?:channel|here|everyone)>"),
    re.compile(r"<[@#][A-Z0-9]+(?:\|[^>]*)?>"),
    re.compile(r"<(?:https?|mailto):[^>|]*\|[^>]*>"),
    re.compile(r"(?<![\w*])\*[^*\s][^*\n]*\*(?![\w*])"),
]


def facts_for(kind: EmailKind, text: str | None = None) -> EmailFacts:
    """Facts of `kind` with vivid values, or with `text` in every text field (the timezone stays real)."""
    values: dict[str, Any] = {}
    for field in fields(FACTS[kind]):
        hint = str(field.type)
        if field.name == "timezone":
            values[field.name] = TZ
        elif hint.startswith("str"):
            values[field.name] = text if text is not None else VIVID.get(field.name, f"some {field.name}")
        else:
            values[field.name] = FAKE_VALUES[{"datetime": datetime, "date": date}.get(hint, int)]
    return FACTS[kind](**values)


def slack_markup_in(text: str) -> list[str]:
    """Every piece of Slack markup in `text`."""
    return [m.group(0) for pattern in SLACK_MARKUP for m in pattern.finditer(text)]


@pytest.mark.parametrize("kind", list(EmailKind))
def test_every_email_has_a_subject_a_text_part_and_an_html_part_with_the_footer(kind: EmailKind) -> None:
    email = render_email(kind, facts_for(kind))
    assert email.subject and "\n" not in email.subject
    assert "partner-support@segment.com" in email.text and "#acme-devcenter" in email.text
    assert "partner-support@segment.com" in email.html and "#acme-devcenter" in email.html
    assert email.html.startswith("<!DOCTYPE html>") and "<html" not in email.text
    assert "Acme" in email.text and "Acme" in email.html


@pytest.mark.parametrize("kind", [k for k in EmailKind if k is not EmailKind.WELCOME])
def test_every_email_about_an_integration_names_it_in_the_subject_and_body(kind: EmailKind) -> None:
    email = render_email(kind, facts_for(kind))
    assert "Acme Analytics" in email.subject
    assert "Acme Analytics (acme-analytics)" in email.text


@pytest.mark.parametrize("kind", list(EmailKind))
def test_hostile_text_is_escaped_in_html_and_no_slack_markup_reaches_either_part(kind: EmailKind) -> None:
    email = render_email(kind, facts_for(kind, HOSTILE))
    assert "<script>" not in email.html and "<b>Acme</b>" not in email.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in email.html
    assert "<script>alert(1)</script>" in email.text  # plain text shows what was typed, as text
    assert slack_markup_in(email.text) == []
    assert slack_markup_in(unescape(email.html)) == []
    assert slack_markup_in(email.subject) == [] and "\n" not in email.subject


@pytest.mark.parametrize("kind", list(EmailKind))
def test_a_hostile_link_target_is_never_made_a_link(kind: EmailKind) -> None:
    facts = facts_for(kind)
    urls = {f.name: "javascript:alert(1)" for f in fields(facts) if f.name.endswith("url")}
    html = render_email(kind, replace(facts, **urls)).html  # type: ignore[arg-type]
    assert 'href="javascript:' not in html


def test_the_submission_acknowledgement_gives_the_review_due_date_in_the_programs_timezone() -> None:
    email = render_email(EmailKind.SUBMISSION_ACK, facts_for(EmailKind.SUBMISSION_ACK))
    assert "Tue Dec 1, 5:00 PM PST" in email.text and "Tue Dec 1, 5:00 PM PST" in email.html
    assert "2-3 business days" in email.text and PR in email.text
    assert f'<a href="{PR}"' in email.html


def test_summer_dates_say_daylight_time() -> None:
    assert when(datetime(2026, 7, 1, 0, 30, tzinfo=UTC), TZ) == "Tue Jun 30, 5:30 PM PDT"
    assert when(datetime(2026, 12, 1, 20, 5, tzinfo=UTC), "Europe/Berlin") == "Tue Dec 1, 9:05 PM CET"


def test_the_private_beta_email_gives_the_url_the_release_and_the_verification_rule() -> None:
    email = render_email(EmailKind.PRIVATE_BETA, facts_for(EmailKind.PRIVATE_BETA))
    assert BETA_URL in email.text and f'<a href="{BETA_URL}"' in email.html
    assert "Wednesday Dec 2 release" in email.text
    assert "At least one customer must confirm" in email.text


def test_the_replay_request_says_what_to_send_and_quotes_the_reviewer() -> None:
    email = render_email(EmailKind.REPLAY_INFO_REQUEST, facts_for(EmailKind.REPLAY_INFO_REQUEST))
    assert "timestamps in the past" in email.text and "deduplicate" in email.text
    assert "    We saw 2015 timestamps in your tests." in email.text
    assert "We saw 2015 timestamps in your tests.</blockquote>" in email.html


def test_a_replay_request_without_a_note_has_no_empty_quote() -> None:
    facts = facts_for(EmailKind.REPLAY_INFO_REQUEST)
    assert isinstance(facts, ReplayInfoRequestFacts)
    email = render_email(EmailKind.REPLAY_INFO_REQUEST, replace(facts, note=None))
    assert "note from the reviewer" not in email.text and "<blockquote" not in email.html


def test_the_oauth_request_explains_the_five_customer_rule_and_counts_customers() -> None:
    facts = facts_for(EmailKind.OAUTH_REQUEST)
    assert isinstance(facts, OAuthRequestFacts)
    email = render_email(EmailKind.OAUTH_REQUEST, facts)
    assert "Enable with Segment" in email.text and "Once 5 customers use your public beta" in email.text
    assert "used by 5 customers now" in email.text
    assert "used by 1 customer now" in render_email(EmailKind.OAUTH_REQUEST, replace(facts, customers=1)).text
    assert "used by" not in render_email(EmailKind.OAUTH_REQUEST, replace(facts, customers=None)).text


def test_public_beta_is_listed_in_the_catalog_and_public_is_featured_on_new_and_noteworthy() -> None:
    beta = render_email(EmailKind.PUBLIC_BETA_APPROVED, facts_for(EmailKind.PUBLIC_BETA_APPROVED))
    public = render_email(EmailKind.PUBLIC_APPROVED, facts_for(EmailKind.PUBLIC_APPROVED))
    assert "listed in the Segment catalog" in beta.text
    assert "New & Noteworthy" in public.text and "New &amp; Noteworthy" in public.html


def test_changes_requested_quotes_the_reason_and_says_how_to_resubmit() -> None:
    facts = facts_for(EmailKind.CHANGES_REQUESTED)
    assert isinstance(facts, ChangesRequestedFacts)
    email = render_email(EmailKind.CHANGES_REQUESTED, replace(facts, reason="Add tests.\nAnd docs."))
    assert "    Add tests.\n    And docs." in email.text
    assert "/devcenter submit" in email.text and PR in email.text


def test_the_welcome_email_walks_through_build_review_release_and_launch() -> None:
    facts = facts_for(EmailKind.WELCOME)
    assert isinstance(facts, WelcomeFacts)
    email = render_email(EmailKind.WELCOME, facts)
    assert email.subject == "Welcome to the Segment Developer Center, Acme"
    for step in ("segmentio/action-destinations", "2-3 business days", "Wednesdays", "Tuesday 5:00 PM", "private beta"):
        assert step in email.text


@pytest.mark.parametrize("kind", list(EmailKind))
def test_paragraphs_of_the_text_part_are_separated_by_blank_lines(kind: EmailKind) -> None:
    text = render_email(kind, facts_for(kind)).text
    lines = text.split("\n")
    for before, line in pairwise(lines):
        if before.endswith((".", "!")) and not before.startswith(("-", "1", "2", "3", "4", " ")) and line:
            assert line.startswith(("-- ", "https://")), f"no blank line between {before!r} and {line!r}"
    assert "\n\n\n" not in text


def test_without_a_slack_channel_the_footer_points_to_the_partners_workspace() -> None:
    facts = replace(facts_for(EmailKind.WELCOME), slack_channel=None)
    email = render_email(EmailKind.WELCOME, facts)
    assert "Segment Partners Slack workspace" in email.text and "#" not in email.text.split("-- \n")[1]


def test_a_long_integration_name_is_clipped_in_the_subject_only() -> None:
    facts = facts_for(EmailKind.SUBMISSION_ACK)
    assert isinstance(facts, SubmissionAckFacts)
    email = render_email(EmailKind.SUBMISSION_ACK, replace(facts, integration_name="Acme " * 40))
    assert len(email.subject) < 120 and email.subject.count("Acme") < 40 and email.text.count("Acme ") >= 40


def test_facts_of_another_kind_are_refused() -> None:
    with pytest.raises(ValueError, match="needs PrivateBetaFacts"):
        render_email(EmailKind.PRIVATE_BETA, facts_for(EmailKind.WELCOME))


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("see <https://github.com/acme/pr|the PR>", "see the PR (https://github.com/acme/pr)"),
        ("see <https://github.com/acme/pr>", "see https://github.com/acme/pr"),
        ("ask <@U123ABC>", "ask someone in Slack"),
        ("ask <@U123ABC|sam>", "ask @sam"),
        ("in <#C42|acme-devcenter>", "in #acme-devcenter"),
        ("<!here> hello", "@here hello"),
        ("<!subteam^S123|@devcenter-staff> look", "@devcenter-staff look"),
        ("this is *important* and _subtle_ and ~gone~", "this is important and subtle and gone"),
        ("acme_analytics_v2 and 2*3*4 stay", "acme_analytics_v2 and 2*3*4 stay"),
        ("a <b>tag</b> is not Slack markup", "a <b>tag</b> is not Slack markup"),
    ],
)
def test_slack_markup_becomes_plain_words(typed: str, shown: str) -> None:
    assert unslack(typed) == shown
