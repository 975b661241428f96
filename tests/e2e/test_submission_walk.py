"""Submissions end to end: a company walks from access request to approved and merged, clicking real buttons."""

from __future__ import annotations

import pytest

from slackbot.emulator.demo import ZEBRA_SUBMISSION, ZEBRA_SURVEY, DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import User

SURVEY, SUBMISSION = ZEBRA_SURVEY, ZEBRA_SUBMISSION


@pytest.fixture
def zoe(harness: Harness) -> User:
    return harness.slack.workspace.add_user("zoe.zebra", "Zoe Zebra", external=True)


def _texts(harness: Harness, messages: list) -> str:
    return "\n".join(harness.emu.message_text(m) for m in messages)


def _dm_text(harness: Harness, user: User) -> str:
    return _texts(harness, harness.emu.dms(user))


def _review_text(harness: Harness, world: DemoWorld) -> str:
    return _texts(harness, harness.emu.messages(world.review_channel))


def _approve_access(harness: Harness, world: DemoWorld, zoe: User) -> None:
    harness.emu.slash("/devcenter join", as_user=zoe)
    harness.emu.submit(SURVEY, as_user=zoe)
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)


def test_partner_walks_from_access_request_to_approved_and_merged(
    harness: Harness, world: DemoWorld, zoe: User
) -> None:
    emu = harness.emu
    emu.slash("/devcenter join", as_user=zoe)
    assert emu.modal(zoe) is not None
    emu.submit(SURVEY, as_user=zoe)
    assert "We received the access request for *Zebra Metrics*" in _dm_text(harness, zoe)
    assert "Access request: Zebra Metrics" in _review_text(harness, world)
    assert "How did you hear about Segment?" in _review_text(harness, world)

    emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)
    assert "approved access" in _review_text(harness, world)  # the card itself shows who did it
    assert "is approved for the Developer Center" in _dm_text(harness, zoe)

    emu.slash("/devcenter submit", as_user=zoe)
    emu.submit(SUBMISSION, as_user=zoe)
    dms = _dm_text(harness, zoe)
    assert "We received *Zebra Metrics* (`zebra-metrics`) for review" in dms
    assert "by *Thu Nov 26, 9:00 AM PST*" in dms
    assert "Zebra Metrics (zebra-metrics)" in _review_text(harness, world)

    emu.click("Request changes", as_user=world.staff, in_channel=world.review_channel)
    emu.submit({"note": "Please add unit tests for the identify action."}, as_user=world.staff)
    assert "Please add unit tests for the identify action." in _dm_text(harness, zoe)
    assert "requested changes" in _review_text(harness, world)

    harness.clock.advance(hours=2)
    emu.slash("/devcenter submit", as_user=zoe)
    emu.submit(SUBMISSION, as_user=zoe)
    emu.click("Request replay info", as_user=world.staff, in_channel=world.review_channel)
    assert "replay compatibility info" in _dm_text(harness, zoe)

    emu.click("Answer", as_user=zoe)
    emu.submit({"answer": "Yes: we dedupe on messageId and accept old timestamps."}, as_user=zoe)
    replies = [m for m in emu.messages(world.review_channel) if m.thread_ts]
    assert any("we dedupe on messageId" in emu.message_text(m) for m in replies)

    emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)
    assert (
        "passed review! If it is merged by *Tue Nov 24, 5:00 PM PST*, it ships in the Wednesday Nov 25 "
        "release" in _dm_text(harness, zoe)
    )

    emu.click("Mark merged", as_user=world.staff, in_channel=world.review_channel)
    assert "is merged and ships in the Wednesday Nov 25 release" in _dm_text(harness, zoe)
    status = emu.slash("/devcenter status", as_user=zoe)
    assert "Approved" in status.text and "Merged:" in status.text
    assert "Next: Merged: it ships in the Wednesday release on Wed Nov 25" in status.text
    assert "Segment merges your pull request" not in status.text
    emu.open_home(zoe)
    assert "Segment merges your pull request" not in emu.home(zoe)
    assert "ships in the Wednesday release on Wed Nov 25" in emu.home(zoe)

    history = emu.slash("/devcenter history zebra-metrics", as_user=world.staff).text
    for step in (
        "submit for review",
        "request changes",
        "request replay info",
        "answer replay info",
        "approve review",
        "mark merged",
    ):
        assert step in history


def test_review_card_offers_only_the_buttons_the_transition_table_allows(
    harness: Harness, world: DemoWorld, zoe: User
) -> None:
    _approve_access(harness, world, zoe)
    harness.emu.slash("/devcenter submit", as_user=zoe)
    harness.emu.submit(SUBMISSION, as_user=zoe)
    card = harness.emu.messages(world.review_channel)[-1]
    labels = [b["text"]["text"] for block in card.blocks if block["type"] == "actions" for b in block["elements"]]
    assert labels == ["Request changes", "Request replay info", "Request OAuth", "Approve"]

    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)
    card = harness.emu.messages(world.review_channel)[-1]
    labels = [b["text"]["text"] for block in card.blocks if block["type"] == "actions" for b in block["elements"]]
    assert labels == ["Request OAuth", "Mark merged"]


def test_mention_offers_a_button_that_opens_the_submit_form(harness: Harness, world: DemoWorld) -> None:
    harness.emu.mention("submit", as_user=world.pat, channel=world.acme_channel)
    harness.emu.click("Submit for review", as_user=world.pat, in_channel=world.acme_channel)

    assert harness.emu.modal(world.pat) is not None


def test_staff_queue_lists_what_waits_on_segment_oldest_first(harness: Harness, world: DemoWorld, zoe: User) -> None:
    harness.emu.slash("/devcenter join", as_user=zoe)
    harness.emu.submit(SURVEY, as_user=zoe)
    harness.clock.advance(days=3)

    queue = harness.emu.slash("/devcenter queue", as_user=world.staff).text

    assert queue.index("Review: Acme Analytics") < queue.index("Access request: Zebra Metrics")
    assert "overdue" in queue
    assert "https://slack.com/archives/C0STAFF001/p" in queue


def test_partners_cannot_see_the_staff_queue(harness: Harness, world: DemoWorld) -> None:
    assert "Only Segment staff" in harness.emu.slash("/devcenter queue", as_user=world.pat).text


def test_a_resubmission_retires_the_previous_cards_buttons(harness: Harness, world: DemoWorld, zoe: User) -> None:
    _approve_access(harness, world, zoe)
    harness.emu.slash("/devcenter submit", as_user=zoe)
    harness.emu.submit(SUBMISSION, as_user=zoe)
    harness.emu.click("Request changes", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.submit({"note": "Add tests."}, as_user=world.staff)
    first_card = harness.emu.messages(world.review_channel)[-1]

    harness.emu.slash("/devcenter submit", as_user=zoe)
    harness.emu.submit(SUBMISSION, as_user=zoe)

    retired = next(m for m in harness.emu.messages(world.review_channel) if m.ts == first_card.ts)
    assert "was resubmitted" in harness.emu.message_text(retired)
    assert not [b for b in retired.blocks if b["type"] == "actions"]
    assert "Approve" in harness.emu.message_text(harness.emu.messages(world.review_channel)[-1])
