"""`/devcenter submit` refuses before the form opens when a submission cannot succeed, and a resubmission comes
prefilled with the integration's last submission."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import User

SURVEY = {
    "company": "Zebra Metrics",
    "website": "zebra.example.com",
    "email": "pat@zebra.example.com",
    "data_in": "SDKs",
    "data_out": "Dashboards",
    "use_cases": "Analytics",
    "heard_from": "A friend",
    "agreement": ["agreed"],
}
SUBMISSION = {
    "name": "Zebra Metrics",
    "slug": "zebra-metrics",
    "kind": "web_device",
    "pr_url": "https://github.com/segmentio/action-destinations/pull/4242",
}


@pytest.fixture
def zoe(harness: Harness) -> User:
    return harness.slack.workspace.add_user("zoe.zebra", "Zoe Zebra", external=True)


def _prefilled(harness: Harness, user: User) -> dict[str, Any]:
    view = harness.emu.modal(user)
    assert view is not None, "no form opened"
    found: dict[str, Any] = {}
    for block in view.data["blocks"]:
        if block["type"] == "input":
            element = block["element"]
            found[block["block_id"]] = element.get("initial_value") or (element.get("initial_option") or {}).get(
                "value"
            )
    return found


def _changes_requested(harness: Harness, world: DemoWorld, zoe: User) -> None:
    harness.emu.slash("/devcenter join", as_user=zoe)
    harness.emu.submit(SURVEY, as_user=zoe)
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.slash("/devcenter submit", as_user=zoe)
    harness.emu.submit(SUBMISSION, as_user=zoe)
    harness.emu.click("Request changes", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.submit({"note": "Add unit tests for identify."}, as_user=world.staff)


def test_submit_is_refused_before_the_form_opens_while_access_is_being_reviewed(harness: Harness, zoe: User) -> None:
    harness.emu.slash("/devcenter join", as_user=zoe)
    harness.emu.submit(SURVEY, as_user=zoe)

    reply = harness.emu.slash("/devcenter submit", as_user=zoe)

    assert "still being reviewed" in reply.text and "you can submit once it is approved" in reply.text
    assert harness.emu.modal(zoe) is None


def test_the_resubmit_button_opens_the_form_prefilled_with_the_last_submission(
    harness: Harness, world: DemoWorld, zoe: User
) -> None:
    _changes_requested(harness, world, zoe)

    harness.emu.click("Resubmit", as_user=zoe)

    assert _prefilled(harness, zoe) == SUBMISSION
    harness.emu.submit(SUBMISSION, as_user=zoe)
    assert "Zebra Metrics (zebra-metrics) — In review" in harness.emu.messages(world.review_channel)[-1].text


def test_submit_without_a_slug_prefills_the_one_integration_waiting_for_a_resubmission(
    harness: Harness, world: DemoWorld, zoe: User
) -> None:
    _changes_requested(harness, world, zoe)

    harness.emu.slash("/devcenter submit", as_user=zoe)

    assert _prefilled(harness, zoe)["pr_url"] == SUBMISSION["pr_url"]


def test_a_first_submission_opens_an_empty_form(harness: Harness, world: DemoWorld, zoe: User) -> None:
    harness.emu.slash("/devcenter join", as_user=zoe)
    harness.emu.submit(SURVEY, as_user=zoe)
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)

    harness.emu.slash("/devcenter submit", as_user=zoe)

    assert set(_prefilled(harness, zoe).values()) == {None}


def test_an_integration_in_review_is_refused_before_the_form_opens(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.slash("/devcenter submit acme-analytics", as_user=world.pat)

    assert "`acme-analytics` is in review: it cannot be submitted again now." in reply.text
    assert harness.emu.modal(world.pat) is None


def test_another_partners_integration_is_refused_and_logged(
    harness: Harness, world: DemoWorld, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        reply = harness.emu.slash("/devcenter submit rocket-metrics", as_user=world.pat)

    assert "No integration called `rocket-metrics` that you can see." in reply.text
    assert harness.emu.modal(world.pat) is None
    assert any("refused" in r.message and world.pat.id in r.message for r in caplog.records)


def test_a_mention_offers_a_button_that_opens_the_prefilled_form(harness: Harness, world: DemoWorld, zoe: User) -> None:
    _changes_requested(harness, world, zoe)
    dm = harness.slack.workspace.im_with(zoe.id)

    harness.emu.dm("submit zebra-metrics", as_user=zoe)
    harness.emu.click("Submit for review", as_user=zoe, in_channel=dm)

    assert _prefilled(harness, zoe)["slug"] == "zebra-metrics"
