"""A declined company has a way forward: who to write to, from when it may apply again, and, from that day, the
survey again (not "you already belong to a partner")."""

from __future__ import annotations

import pytest

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.text import buttons
from slackbot.emulator.workspace import User

SURVEY = {
    "company": "Zebra Metrics",
    "website": "https://zebra.example.com",
    "email": "pat@zebra.example.com",
    "data_in": "SDKs",
    "data_out": "Dashboards",
    "use_cases": "Analytics",
    "heard_from": "A friend",
    "agreement": ["agreed"],
}
AGAIN = "Sunday, February 21, 2027"  # 90 days after Monday Nov 23, 2026


@pytest.fixture
def zoe(harness: Harness, world: DemoWorld) -> User:
    zoe = harness.slack.workspace.add_user("zoe.zebra", "Zoe Zebra", external=True)
    harness.emu.slash("/devcenter join", as_user=zoe)
    harness.emu.submit(SURVEY, as_user=zoe)
    harness.emu.click("Decline", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.submit({"note": "We could not verify the company."}, as_user=world.staff)
    return zoe


def test_the_decline_says_who_to_write_to_and_when_to_apply_again(harness: Harness, zoe: User) -> None:
    told = harness.emu.message_text(harness.emu.dms(zoe)[-1])

    assert "The access request for *Zebra Metrics* was declined." in told
    assert "We could not verify the company." in told
    assert "Write to partner-support@segment.com" in told
    assert f"You may apply again with `/devcenter join` from *{AGAIN}*." in told
    assert "channel" not in told


def test_join_after_a_decline_says_so_instead_of_already_belongs(harness: Harness, zoe: User) -> None:
    reply = harness.emu.slash("/devcenter join", as_user=zoe)

    assert "The access request for Zebra Metrics was declined" in reply.text
    assert "partner-support@segment.com" in reply.text and AGAIN in reply.text
    assert "already belong" not in reply.text and harness.emu.modal(zoe) is None


def test_status_and_home_point_to_partner_support_not_to_a_channel(harness: Harness, zoe: User) -> None:
    status = harness.emu.slash("/devcenter status", as_user=zoe).text
    harness.emu.open_home(zoe)
    home = harness.emu.home(zoe)

    assert "partner-support@segment.com" in status and "Reply in your channel" not in status
    assert f"You may apply again from *{AGAIN}*" in home and "partner-support@segment.com" in home
    assert "Apply again" not in home and "reviews your access request" not in home


def test_from_that_day_the_company_applies_again_and_staff_see_its_history(
    harness: Harness, world: DemoWorld, zoe: User
) -> None:
    harness.clock.advance(days=90)
    harness.emu.open_home(zoe)
    harness.emu.click("Apply again", as_user=zoe, in_home=True)

    harness.emu.submit({**SURVEY, "use_cases": "Product analytics for B2B teams"}, as_user=zoe)

    card = harness.emu.messages(world.review_channel)[-1]
    text = harness.emu.message_text(card)
    assert "Access request: Zebra Metrics" in text and "Product analytics for B2B teams" in text
    assert "declined access" in text and "applied again" in text
    assert [b.label for b in buttons(card.blocks)] == ["Approve", "Decline"]
    assert "We received the access request for *Zebra Metrics*" in harness.emu.message_text(harness.emu.dms(zoe)[-1])
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)
    assert "is approved for the Developer Center" in harness.emu.message_text(harness.emu.dms(zoe)[-1])


def test_the_day_before_it_is_still_too_early(harness: Harness, zoe: User) -> None:
    harness.clock.advance(days=89)

    assert AGAIN in harness.emu.slash("/devcenter join", as_user=zoe).text
    assert harness.emu.modal(zoe) is None
