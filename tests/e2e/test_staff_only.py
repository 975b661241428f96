"""Staff buttons are staff-only: partners, external users and strangers are refused, logged, and change nothing."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sqlalchemy import select

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.payloads import view_submission
from slackbot.emulator.text import Button, buttons
from slackbot.emulator.workspace import Message, User
from slackbot.ids import ActionId, CallbackId, staff_action_id
from storage.models.audit import AuditEntry
from storage.models.outbox import OutboxMessage
from storage.models.partners import Integration, Partner
from storage.models.reviews import StaffRequest

CARD_BUTTONS = ["Request changes", "Request replay info", "Request OAuth", "Approve"]


def _snapshot(harness: Harness) -> dict[str, Any]:
    with harness.bot.program.uow() as uow:
        session = uow.session
        return {
            "integrations": [(i.slug, i.stage, i.merged_at) for i in session.scalars(select(Integration))],
            "partners": [(p.name, p.stage) for p in session.scalars(select(Partner))],
            "audit": len(session.scalars(select(AuditEntry)).all()),
            # notifications queued; the refusal the bot answers a mention or DM with is a reply, not a change
            "outbox": len(session.scalars(select(OutboxMessage).where(OutboxMessage.kind != "event_reply")).all()),
            "requests": len(session.scalars(select(StaffRequest)).all()),
        }


def _review_card(harness: Harness, world: DemoWorld, slug: str) -> None:
    """Put the integration's review card in the staff channel, as staff do with `/devcenter card`."""
    harness.emu.slash(f"/devcenter card {slug}", as_user=world.staff, channel=world.review_channel)
    harness.settle()


def _outsiders(harness: Harness, world: DemoWorld) -> dict[str, User]:
    outsider = harness.slack.workspace.add_user("eve.external", external=True)
    listed_but_external = harness.slack.workspace.add_user("mallory.connect", external=True)
    harness.bot.directory.staff_users = frozenset({"U0STAFF001", listed_but_external.id})
    for user in (world.pat, world.riley, outsider, listed_but_external, world.stranger):
        world.review_channel.members.add(user.id)
    return {
        "owning partner": world.pat,
        "other partner": world.riley,
        "external user": outsider,
        "staff-listed external user": listed_but_external,
        "internal stranger": world.stranger,
    }


@pytest.mark.parametrize("button", CARD_BUTTONS)
@pytest.mark.parametrize(
    "who", ["owning partner", "other partner", "external user", "staff-listed external user", "internal stranger"]
)
def test_non_staff_click_is_refused_logged_and_changes_nothing(
    harness: Harness, world: DemoWorld, who: str, button: str, caplog: pytest.LogCaptureFixture
) -> None:
    _review_card(harness, world, "acme-analytics")
    user = _outsiders(harness, world)[who]
    before = _snapshot(harness)

    with caplog.at_level(logging.WARNING):
        reply = harness.emu.click(button, as_user=user, in_channel=world.review_channel)

    assert "Only Segment staff can use these buttons" in reply.text
    assert reply.messages[0].ephemeral_to == user.id
    assert _snapshot(harness) == before
    assert harness.emu.modal(user) is None
    assert any("refused" in r.message and user.id in r.message for r in caplog.records)


@pytest.mark.parametrize("who", ["owning partner", "external user", "internal stranger"])
def test_non_staff_cannot_decide_access_requests_either(harness: Harness, world: DemoWorld, who: str) -> None:
    newcomer = harness.slack.workspace.add_user("nina.new", external=True)
    harness.emu.slash("/devcenter join", as_user=newcomer)
    harness.emu.submit(
        {
            "company": "Nina Co",
            "website": "https://nina.example.com",
            "email": "pat@nina.example.com",
            "data_in": "API",
            "data_out": "Dashboards",
            "use_cases": "CRM",
            "heard_from": "Blog",
            "agreement": ["agreed"],
        },
        as_user=newcomer,
    )
    user = _outsiders(harness, world)[who]
    before = _snapshot(harness)

    for button in ("Approve", "Decline"):
        reply = harness.emu.click(button, as_user=user, in_channel=world.review_channel)
        assert "Only Segment staff" in reply.text

    assert _snapshot(harness) == before


def test_staff_action_ids_cover_every_card_button() -> None:
    for action in (
        "approve_access",
        "decline_access",
        "approve_review",
        "request_changes",
        "request_replay_info",
        "request_oauth",
        "mark_merged",
    ):
        assert staff_action_id(action).value == f"lifecycle.{action}"


# Owner-only actions: the partner that owns an integration (and, for withdraw, staff) may act; anyone else is
# refused, logged, and changes nothing.
NON_OWNERS = ["other partner", "external user", "staff-listed external user", "internal stranger"]
WITHDRAW_REFUSAL = "Only the partner that owns an integration, or Segment staff, can withdraw it."


def _visible_message(harness: Harness, world: DemoWorld, user: User) -> Message:
    """A message in the acme channel that `user` can see, to press a forged button on."""
    world.acme_channel.members.add(user.id)
    if not harness.emu.messages(world.acme_channel):
        harness.emu.post("Hello from the partner channel", as_user=world.pat, channel=world.acme_channel)
    return harness.emu.messages(world.acme_channel)[-1]


def _notice(harness: Harness, user: User) -> str:
    view = harness.emu.modal(user)
    return harness.emu.text(view.data.get("blocks", [])) if view is not None else ""


@pytest.mark.parametrize("how", ["slash command", "mention", "direct message"])
@pytest.mark.parametrize("who", NON_OWNERS)
def test_withdraw_by_anyone_but_the_owner_or_staff_is_refused_logged_and_changes_nothing(
    harness: Harness, world: DemoWorld, who: str, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    user = _outsiders(harness, world)[who]
    world.acme_channel.members.add(user.id)
    before = _snapshot(harness)

    with caplog.at_level(logging.WARNING):
        if how == "slash command":
            reply = harness.emu.slash("/devcenter withdraw acme-analytics", as_user=user)
        elif how == "mention":
            reply = harness.emu.mention("withdraw acme-analytics", as_user=user, channel=world.acme_channel)
        else:
            reply = harness.emu.dm("withdraw acme-analytics", as_user=user)

    assert WITHDRAW_REFUSAL in reply.text and harness.emu.modal(user) is None
    assert all(m.ephemeral_to == user.id or m.channel.startswith("D") for m in reply.messages)
    assert _snapshot(harness) == before
    assert any("refused withdraw" in r.message and user.id in r.message for r in caplog.records)


@pytest.mark.parametrize("who", NON_OWNERS)
def test_a_forged_withdraw_button_opens_only_the_refusal(
    harness: Harness, world: DemoWorld, who: str, caplog: pytest.LogCaptureFixture
) -> None:
    user = _outsiders(harness, world)[who]
    message = _visible_message(harness, world, user)
    before = _snapshot(harness)

    with caplog.at_level(logging.WARNING):
        harness.emu.press(
            user, Button("Withdraw…", ActionId.OPEN_WITHDRAW, "x", "acme-analytics", None), message=message
        )

    assert WITHDRAW_REFUSAL in _notice(harness, user)
    assert _snapshot(harness) == before
    assert any("refused withdraw" in r.message and user.id in r.message for r in caplog.records)


@pytest.mark.parametrize("who", NON_OWNERS)
def test_a_withdraw_confirmation_submitted_by_someone_else_is_refused_inline(
    harness: Harness, world: DemoWorld, who: str, caplog: pytest.LogCaptureFixture
) -> None:
    user = _outsiders(harness, world)[who]
    harness.emu.slash("/devcenter withdraw acme-analytics", as_user=world.pat)
    owners_modal = harness.emu.modal(world.pat)
    assert owners_modal is not None
    before = _snapshot(harness)

    with caplog.at_level(logging.WARNING):
        answer = harness.driver.interaction(view_submission(harness.slack.workspace, user, owners_modal, {}))
        harness.settle()

    assert answer.status == 200 and WITHDRAW_REFUSAL in answer.json()["errors"]["reason"]
    assert _snapshot(harness) == before
    assert any("refused withdraw" in r.message and user.id in r.message for r in caplog.records)


def test_staff_may_withdraw_where_partners_of_other_companies_may_not(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter withdraw acme-analytics", as_user=world.staff)

    harness.emu.submit({}, as_user=world.staff)

    with harness.bot.program.uow() as uow:
        assert uow.integrations.by_slug("acme-analytics").stage.value == "withdrawn"


@pytest.mark.parametrize("who", NON_OWNERS)
def test_a_forged_answer_is_refused_logged_and_changes_nothing(
    harness: Harness, world: DemoWorld, who: str, caplog: pytest.LogCaptureFixture
) -> None:
    _review_card(harness, world, "acme-analytics")
    harness.emu.click("Request OAuth", as_user=world.staff, in_channel=world.review_channel)
    user = _outsiders(harness, world)[who]
    message = _visible_message(harness, world, user)
    answer = next(b for b in buttons(message.blocks) if b.label == "Answer")
    before = _snapshot(harness)

    with caplog.at_level(logging.WARNING):
        refused = harness.emu.press(user, answer, message=message)

    assert "Only the partner who owns this integration can answer." in refused.text
    assert _snapshot(harness) == before and harness.emu.modal(user) is None
    assert any("refused answer" in r.message and user.id in r.message for r in caplog.records)


@pytest.mark.parametrize("who", NON_OWNERS)
def test_a_forged_resubmit_of_someone_elses_integration_opens_only_the_refusal(
    harness: Harness, world: DemoWorld, who: str, caplog: pytest.LogCaptureFixture
) -> None:
    user = _outsiders(harness, world)[who]
    message = _visible_message(harness, world, user)
    before = _snapshot(harness)

    with caplog.at_level(logging.WARNING):
        harness.emu.press(
            user, Button("Resubmit", ActionId.OPEN_SUBMIT_FORM, "x", "acme-analytics", None), message=message
        )

    notice = harness.emu.modal(user)
    assert notice is not None and notice.data["callback_id"] == CallbackId.NOTICE  # not the submit form
    assert "No integration called `acme-analytics`" in _notice(harness, user) or "Only partners" in _notice(
        harness, user
    )
    assert _snapshot(harness) == before
    assert any("refused" in r.message and user.id in r.message for r in caplog.records)
