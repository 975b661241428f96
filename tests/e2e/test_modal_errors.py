"""Every modal field rejects bad input inline (response_action=errors keyed by block_id), and nothing is stored."""

from __future__ import annotations

import pytest

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import User

GOOD_SURVEY = {
    "company": "Zebra Metrics",
    "website": "https://zebra.example.com",
    "email": "pat@zebra.example.com",
    "data_in": "SDKs",
    "data_out": "Dashboards",
    "use_cases": "Analytics",
    "heard_from": "A friend",
    "agreement": ["agreed"],
}
GOOD_SUBMISSION = {
    "name": "Acme Pixel",
    "slug": "acme-pixel",
    "kind": "web_device",
    "pr_url": "https://github.com/segmentio/action-destinations/pull/77",
}


@pytest.fixture
def zoe(harness: Harness) -> User:
    return harness.slack.workspace.add_user("zoe.zebra", external=True)


def _errors(harness: Harness, user: User, values: dict) -> dict[str, str]:
    reply = harness.emu.submit(values, as_user=user)
    assert reply.status == 200
    body = reply.response.json() if reply.response.body else {}
    return body.get("errors", {}) if body.get("response_action") == "errors" else {}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("company", "", "Please answer this question."),
        ("website", "", "Please answer this question."),
        ("website", "ftp://zebra.example.com", "ftp:// addresses are not websites"),
        ("website", "https://localhost", "“localhost” is not a public website address"),
        ("website", "zebra dot com", "without spaces"),
        ("email", "", "Please answer this question."),
        ("email", "pat at zebra.example.com", "no spaces"),
        ("email", "Pat <pat@zebra.example.com>", "without a name or angle brackets"),
        ("email", "pat@localhost", "must be a domain name like acme.com"),
        ("data_in", "  ", "Please answer this question."),
        ("data_out", "", "Please answer this question."),
        ("use_cases", "x" * 1001, "under 1000 characters"),
        ("heard_from", "", "Please answer this question."),
        ("agreement", [], "agree to the Partner Program Agreement"),
        ("company", "Acme Analytics", "already registered"),
    ],
)
def test_access_survey_rejects_bad_answers_inline(
    harness: Harness, world: DemoWorld, zoe: User, field: str, value: object, message: str
) -> None:
    harness.emu.slash("/devcenter join", as_user=zoe)

    errors = _errors(harness, zoe, {**GOOD_SURVEY, field: value})

    assert message in errors[field]
    assert harness.emu.modal(zoe) is not None  # the modal stays open with the errors
    with harness.bot.program.uow() as uow:
        assert uow.partners.by_name("Zebra Metrics") is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Give the integration's name."),
        ("slug", "", "A slug is required."),
        ("slug", "Acme_Pixel", "lowercase letters"),
        ("slug", "rocket-metrics", "is taken"),
        ("kind", None, "Choose the kind"),
        ("kind", "mobile_device", "does not support device-mode mobile destinations"),
        ("pr_url", "https://github.com/segmentio/action-destinations/issues/77", "pull request URL"),
        ("pr_url", "https://github.com/acme/action-destinations/pull/77", "pull request URL"),
        ("pr_url", "", "pull request URL"),
    ],
)
def test_submit_form_rejects_bad_fields_inline(
    harness: Harness, world: DemoWorld, field: str, value: object, message: str
) -> None:
    harness.emu.slash("/devcenter submit", as_user=world.pat)

    errors = _errors(harness, world.pat, {**GOOD_SUBMISSION, field: value})

    assert message in errors[field]
    with harness.bot.program.uow() as uow:
        assert uow.integrations.by_slug("acme-pixel") is None


def test_submitting_again_while_in_review_is_refused_on_the_slug(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter submit", as_user=world.pat)

    errors = _errors(harness, world.pat, {**GOOD_SUBMISSION, "slug": "acme-analytics"})

    assert "cannot be submitted again now" in errors["slug"]


def test_a_stranger_cannot_submit_and_is_told_why_before_any_form_opens(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.slash("/devcenter submit", as_user=world.stranger)

    assert "Request access first" in reply.text and harness.emu.modal(world.stranger) is None


def test_staff_reason_and_partner_answer_must_not_be_empty(harness: Harness, world: DemoWorld, zoe: User) -> None:
    harness.emu.slash("/devcenter join", as_user=zoe)
    harness.emu.submit(GOOD_SURVEY, as_user=zoe)
    harness.emu.click("Decline", as_user=world.staff, in_channel=world.review_channel)

    assert _errors(harness, world.staff, {"note": "   "}) == {"note": "Please write a few words."}
    assert _errors(harness, world.staff, {"note": "y" * 2001}) == {"note": "Keep it under 2000 characters."}
    assert _errors(harness, world.staff, {"note": "Not a fit for the catalog."}) == {}
    assert "Not a fit for the catalog." in harness.emu.message_text(harness.emu.dms(zoe)[-1])


def test_partner_answer_must_not_be_empty_and_only_the_owner_may_answer(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter card acme-analytics", as_user=world.staff, channel=world.review_channel)
    harness.settle()
    harness.emu.click("Request OAuth", as_user=world.staff, in_channel=world.review_channel)

    refused = harness.emu.click("Answer", as_user=world.pat, in_channel=world.acme_channel)
    assert harness.emu.modal(world.pat) is not None and refused.status == 200
    assert _errors(harness, world.pat, {"answer": ""}) == {"answer": "Please write a few words."}
    assert _errors(harness, world.pat, {"answer": "We plan Enable with Segment next quarter."}) == {}
    asked = harness.emu.messages(world.acme_channel)[-1]
    assert "Answered by @pat.partner" in harness.emu.message_text(asked)
    assert not [block for block in asked.blocks if block["type"] == "actions"]  # no Answer button to press again


def test_a_pull_request_of_another_partner_is_refused(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter submit", as_user=world.riley)

    errors = _errors(
        harness,
        world.riley,
        {
            **GOOD_SUBMISSION,
            "slug": "rocket-pixel",
            "pr_url": "https://github.com/segmentio/action-destinations/pull/3141",
        },
    )

    assert errors["pr_url"] == "That pull request belongs to another partner's integration."


def test_a_second_join_is_refused_before_any_form_opens(harness: Harness, world: DemoWorld, zoe: User) -> None:
    harness.emu.slash("/devcenter join", as_user=zoe)
    harness.emu.submit(GOOD_SURVEY, as_user=zoe)

    pending = harness.emu.slash("/devcenter join", as_user=zoe)
    member = harness.emu.slash("/devcenter join", as_user=world.pat)

    assert "is being reviewed" in pending.text and harness.emu.modal(zoe) is None
    assert "You already belong to a partner" in member.text and harness.emu.modal(world.pat) is None


VERIFICATION = {
    "customer": "Globex",
    "workspace": "globex-prod",
    "contact": "Hank <hank@globex.example.com>",
    "verified_on": "2026-11-20",
    "notes": "",
}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("customer", "", "Give the customer's company."),
        ("workspace", " ", "Give their Segment workspace."),
        ("contact", "", "Give who we can ask there (name and email)."),
        ("customer", "x" * 201, "Keep it under"),
        ("verified_on", None, "Pick the date the customer verified the integration."),
        ("verified_on", "2026-12-24", "The verification date cannot be in the future."),
        ("notes", "n" * 1001, "Keep the notes under"),
    ],
)
def test_verification_form_rejects_bad_fields_inline(
    harness: Harness, world: DemoWorld, field: str, value: object, message: str
) -> None:
    harness.emu.slash("/devcenter verify", as_user=world.riley)

    errors = _errors(harness, world.riley, {**VERIFICATION, field: value})

    assert message in errors[field]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website", "ftp://rocket.example.com", "ftp:// addresses are not websites"),
        ("pr_url", "https://github.com/rocket/metrics/pull/9", "is on rocket/metrics"),
        ("support_email", "not-an-email", "not an email address"),
        ("description", "d" * 501, "keep it to 500"),
        ("mark_svg", "<png/>", "SVG"),
    ],
)
def test_metadata_form_rejects_wrong_values_inline(
    harness: Harness, world: DemoWorld, field: str, value: str, message: str
) -> None:
    harness.emu.slash("/devcenter metadata", as_user=world.riley)

    errors = _errors(harness, world.riley, {"name": "Rocket Metrics", field: value})

    assert message in errors[field]
