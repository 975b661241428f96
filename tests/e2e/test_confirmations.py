"""Every action is acknowledged: saving the checklist, recording a verification and answering a staff request each
say so in the modal, and an answered request loses its Answer button wherever it was posted."""

from __future__ import annotations

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.text import buttons
from slackbot.emulator.workspace import Message, User

GLOBEX = {
    "customer": "Globex",
    "workspace": "globex-prod",
    "contact": "Hank Scorpio <hank@globex.example.com>",
    "verified_on": "2026-11-20",
}


def _modal_text(harness: Harness, user: User) -> str:
    view = harness.emu.modal(user)
    assert view is not None, "the modal closed without a word"
    return harness.emu.text(view.data.get("blocks", []))


def _labels(message: Message) -> list[str]:
    return [b.label for b in buttons(message.blocks)]


def _ask_for_oauth(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter card acme-analytics", as_user=world.staff, channel=world.review_channel)
    harness.settle()
    harness.emu.click("Request OAuth", as_user=world.staff, in_channel=world.review_channel)


def test_saving_the_checklist_says_saved_and_how_far_it_is(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter checklist", as_user=world.riley)

    harness.emu.submit({"checklist.4": ["app_created", "components"]}, as_user=world.riley)

    saved = _modal_text(harness, world.riley)
    assert "Saved. *Rocket Metrics* (`rocket-metrics`) — 8/21 done." in saved
    assert "item(s) left for you" in saved


def test_recording_a_verification_says_what_happens_next(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter verify", as_user=world.riley)

    harness.emu.submit(GLOBEX, as_user=world.riley)

    recorded = _modal_text(harness, world.riley)
    assert "Recorded: *Globex* (workspace `globex-prod`) verified *Rocket Metrics*" in recorded
    assert "Segment confirms it with the contact" in recorded
    assert "Customer verification: Rocket Metrics" in harness.emu.message_text(
        harness.emu.messages(world.review_channel)[-1]
    )


def test_answering_a_request_confirms_it_and_retires_every_answer_button(harness: Harness, world: DemoWorld) -> None:
    _ask_for_oauth(harness, world)
    assert "Answer" in _labels(harness.emu.dms(world.pat)[-1])

    harness.emu.click("Answer", as_user=world.pat, in_channel=world.acme_channel)
    harness.emu.submit({"answer": "We ship Enable with Segment next quarter."}, as_user=world.pat)

    assert "Sent. Your answer on *OAuth / Enable with Segment for Acme Analytics*" in _modal_text(harness, world.pat)
    for copy in (harness.emu.messages(world.acme_channel)[-1], harness.emu.dms(world.pat)[-1]):
        text = harness.emu.message_text(copy)
        assert "Segment asked for *OAuth / Enable with Segment*" in text
        assert "Answered by @pat.partner at Mon Nov 23, 9:00 AM PST" in text
        assert _labels(copy) == []
    thread = [m for m in harness.emu.messages(world.review_channel) if m.thread_ts and m.thread_ts != m.ts]
    assert "We ship Enable with Segment next quarter." in harness.emu.message_text(thread[-1])


def test_an_answer_from_app_home_retires_the_request_message_too(harness: Harness, world: DemoWorld) -> None:
    _ask_for_oauth(harness, world)
    harness.emu.open_home(world.pat)

    harness.emu.click("Answer", as_user=world.pat, in_home=True)
    harness.emu.submit({"answer": "Planned for January."}, as_user=world.pat)

    assert "Answered by @pat.partner" in harness.emu.message_text(harness.emu.messages(world.acme_channel)[-1])
    assert "Segment asks for *OAuth" not in harness.emu.home(world.pat)  # Home refreshed without the request


def test_a_stale_answer_button_in_app_home_explains_in_a_notice(harness: Harness, world: DemoWorld) -> None:
    _ask_for_oauth(harness, world)
    harness.emu.open_home(world.pat)
    stale = harness.slack.workspace.homes[world.pat.id]
    answer = next(b for b in buttons(stale.data["blocks"]) if b.label == "Answer")
    harness.emu.click("Answer", as_user=world.pat, in_channel=world.acme_channel)
    harness.emu.submit({"answer": "Planned for January."}, as_user=world.pat)

    harness.emu.press(world.pat, answer, view=stale)

    assert "already answered" in _modal_text(harness, world.pat)


def test_a_second_answer_from_a_stale_button_is_told_it_was_answered(harness: Harness, world: DemoWorld) -> None:
    _ask_for_oauth(harness, world)
    stale = harness.emu.messages(world.acme_channel)[-1]
    answer = next(b for b in buttons(stale.blocks) if b.label == "Answer")
    harness.emu.click("Answer", as_user=world.pat, in_channel=world.acme_channel)
    harness.emu.submit({"answer": "Planned for January."}, as_user=world.pat)

    again = harness.emu.press(world.pat, answer, message=stale)

    assert "already answered" in again.text
