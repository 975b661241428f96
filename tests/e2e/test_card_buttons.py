"""Only one card of an integration has live buttons: posting a card again retires the previous one, as a
resubmission does, and a change made elsewhere (a release shipped) updates the live card's buttons."""

from __future__ import annotations

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.text import buttons
from slackbot.emulator.workspace import Message


def _cards(harness: Harness, world: DemoWorld, slug: str) -> list[Message]:
    return [m for m in harness.emu.messages(world.review_channel) if f"({slug})" in harness.emu.message_text(m)]


def _labels(message: Message) -> list[str]:
    return [b.label for b in buttons(message.blocks)]


def _post_card(harness: Harness, world: DemoWorld, slug: str) -> None:
    harness.emu.slash(f"/devcenter card {slug}", as_user=world.staff, channel=world.review_channel)
    harness.settle()


def test_posting_a_card_again_retires_the_previous_cards_buttons(harness: Harness, world: DemoWorld) -> None:
    first = _cards(harness, world, "acme-analytics")[-1]
    assert "Approve" in _labels(first)

    _post_card(harness, world, "acme-analytics")

    assert _labels(first) == []
    retired = harness.emu.message_text(first)
    assert "~Review card~ — a newer card of *Acme Analytics* (`acme-analytics`) was posted on" in retired
    assert "Act on the newer card below." in retired
    assert "Approve" in _labels(_cards(harness, world, "acme-analytics")[-1])


def test_a_decision_on_the_newer_card_leaves_no_stale_button_anywhere(harness: Harness, world: DemoWorld) -> None:
    _post_card(harness, world, "acme-analytics")

    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)

    live = [m for m in _cards(harness, world, "acme-analytics") if _labels(m)]
    assert len(live) == 1 and _labels(live[0]) == ["Request OAuth", "Mark merged"]


def test_a_shipped_release_updates_the_live_cards_stage_and_buttons(harness: Harness, world: DemoWorld) -> None:
    _post_card(harness, world, "acme-analytics")
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.click("Mark merged", as_user=world.staff, in_channel=world.review_channel)
    card = next(m for m in _cards(harness, world, "acme-analytics") if _labels(m))
    harness.clock.advance(days=1, hours=23)  # Wednesday 08:00, release day
    harness.run_job("release_day")

    harness.emu.click("Mark release shipped", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()

    assert "*Stage:* Private beta" in harness.emu.message_text(card)
    assert "shipped the release" in harness.emu.message_text(card)
    request = next(b for b in buttons(card.blocks) if b.label == "Request OAuth")
    reply = harness.emu.press(world.staff, request, message=card)
    assert "Already handled" not in reply.text
    assert "Segment asks for *OAuth / Enable with Segment*" in harness.emu.message_text(harness.emu.dms(world.pat)[-1])
