"""`/devcenter withdraw <slug>`: a confirmation that names the integration and what withdrawing means; confirming
withdraws it (audited, the staff card's buttons retired, the partner told); Cancel changes nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.text import buttons
from slackbot.emulator.workspace import Message, User
from slackbot.render.commands import help_text
from storage.models.audit import AuditEntry
from storage.models.outbox import OutboxMessage


def _modal_text(harness: Harness, user: User) -> str:
    view = harness.emu.modal(user)
    assert view is not None, "no modal is open"
    return harness.emu.text(view.data.get("blocks", []))


def _stage(harness: Harness, slug: str) -> str:
    with harness.bot.program.uow() as uow:
        return uow.integrations.by_slug(slug).stage.value


def _snapshot(harness: Harness) -> dict[str, Any]:
    with harness.bot.program.uow() as uow:
        return {
            "stage": uow.integrations.by_slug("acme-analytics").stage,
            "audit": len(uow.session.scalars(select(AuditEntry)).all()),
            "outbox": len(uow.session.scalars(select(OutboxMessage)).all()),
        }


def _card(harness: Harness, world: DemoWorld, title: str) -> Message:
    return next(m for m in harness.emu.messages(world.review_channel) if title in m.text)


def test_the_owner_confirms_and_the_integration_is_withdrawn_everywhere(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter withdraw acme-analytics", as_user=world.pat)
    asked = _modal_text(harness, world.pat)
    assert "Withdraw *Acme Analytics* (`acme-analytics`) from the Developer Center? It is *in review* now." in asked
    assert "What withdrawing means" in asked and "cannot be submitted again as `acme-analytics`" in asked

    harness.emu.submit({"reason": "We are rebuilding it as a new destination."}, as_user=world.pat)

    assert "*Acme Analytics* (`acme-analytics`) is withdrawn." in _modal_text(harness, world.pat)
    assert _stage(harness, "acme-analytics") == "withdrawn"
    card = _card(harness, world, "Acme Analytics (acme-analytics)")
    assert [b.label for b in buttons(card.blocks)] == []
    assert "Withdrawn" in harness.emu.message_text(card) and "@pat.partner withdrew it" in harness.emu.message_text(
        card
    )
    thread = [m for m in harness.emu.messages(world.review_channel) if m.thread_ts == card.ts and m.ts != card.ts]
    assert "was withdrawn by @pat.partner (it was in review)" in harness.emu.message_text(thread[-1])
    assert "We are rebuilding it as a new destination." in harness.emu.message_text(thread[-1])
    for told in (harness.emu.messages(world.acme_channel)[-1], harness.emu.dms(world.pat)[-1]):
        assert "*Acme Analytics* (`acme-analytics`) was withdrawn" in harness.emu.message_text(told)
    history = harness.emu.slash("/devcenter history acme-analytics", as_user=world.staff).text
    assert "withdraw (In review → Withdrawn)" in history


def test_cancel_changes_nothing(harness: Harness, world: DemoWorld) -> None:
    before = _snapshot(harness)
    harness.emu.slash("/devcenter withdraw acme-analytics", as_user=world.pat)

    harness.emu.close(as_user=world.pat)

    assert _snapshot(harness) == before
    assert "Request changes" in [b.label for b in buttons(_card(harness, world, "Acme Analytics").blocks)]


def test_staff_may_withdraw_an_integration_and_the_partner_hears_it_was_segment(
    harness: Harness, world: DemoWorld
) -> None:
    harness.emu.slash("/devcenter withdraw rocket-metrics", as_user=world.staff)
    assert "Withdraw *Rocket Metrics* (`rocket-metrics`) of Rocket Metrics" in _modal_text(harness, world.staff)

    harness.emu.submit({}, as_user=world.staff)

    assert _stage(harness, "rocket-metrics") == "withdrawn"
    told = harness.emu.message_text(harness.emu.dms(world.riley)[-1])
    assert "was withdrawn by @sam.staff (Segment) (it was private beta)" in told


def test_app_home_offers_withdraw_and_shows_the_result(harness: Harness, world: DemoWorld) -> None:
    harness.emu.open_home(world.pat)

    harness.emu.click("Withdraw…", as_user=world.pat, in_home=True)
    harness.emu.submit({}, as_user=world.pat)

    home = harness.emu.home(world.pat)
    assert ":wave: Withdrawn" in home and "Withdraw…" not in home


def test_a_mention_offers_a_button_that_opens_the_confirmation(harness: Harness, world: DemoWorld) -> None:
    harness.emu.mention("withdraw acme-analytics", as_user=world.pat, channel=world.acme_channel)

    harness.emu.click("Withdraw…", as_user=world.pat, in_channel=world.acme_channel)

    assert "Withdraw *Acme Analytics*" in _modal_text(harness, world.pat)


def test_a_withdrawn_integration_has_nothing_left_to_withdraw(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter withdraw acme-analytics", as_user=world.pat)
    harness.emu.submit({}, as_user=world.pat)

    again = harness.emu.slash("/devcenter withdraw acme-analytics", as_user=world.pat)

    assert "`acme-analytics` is withdrawn: there is nothing to withdraw." in again.text


def test_a_confirmation_opened_before_a_stage_change_changes_nothing(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter withdraw acme-analytics", as_user=world.pat)
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)

    body = harness.emu.submit({}, as_user=world.pat).response.json()

    assert "changed meanwhile and is now approved. Nothing was changed." in body["errors"]["reason"]
    assert _stage(harness, "acme-analytics") == "approved"


def test_open_requests_close_with_the_withdrawal(harness: Harness, world: DemoWorld) -> None:
    harness.emu.click("Request OAuth", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.slash("/devcenter withdraw acme-analytics", as_user=world.pat)
    assert "open request(s) on it close unanswered" in _modal_text(harness, world.pat)
    harness.emu.submit({}, as_user=world.pat)

    answer = harness.emu.click("Answer", as_user=world.pat, in_channel=world.acme_channel)

    assert "is withdrawn, so this request is closed" in answer.text


def test_withdraw_is_in_the_help_and_in_app_home(harness: Harness, world: DemoWorld) -> None:
    assert "`/devcenter withdraw &lt;slug&gt;` — withdraw an integration" in help_text()
    assert "/devcenter withdraw" in harness.emu.slash("/devcenter help", as_user=world.pat).text
    harness.emu.open_home(world.pat)
    assert "/devcenter withdraw" in harness.emu.home(world.pat)
