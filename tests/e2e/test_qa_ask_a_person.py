"""Ask a person hands a question to staff only when the person who asked presses it (or staff do): anyone else's
click is refused, logged and changes nothing."""

from __future__ import annotations

import pytest

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import Message


def escalation_posts(harness: Harness, world: DemoWorld) -> list[str]:
    posts = [harness.emu.message_text(m) for m in harness.emu.messages(world.review_channel) if not m.thread_ts]
    return [text for text in posts if "Question from" in text]


def staff_pinged(harness: Harness, world: DemoWorld, before: list[Message]) -> list[str]:
    """What reached the review channel since `before` (the demo's review card is there from the start)."""
    return [harness.emu.message_text(m) for m in harness.emu.messages(world.review_channel) if m not in before]


def logged_questions(harness: Harness) -> list[tuple[str, bool]]:
    with harness.bot.program.uow() as uow:
        rows = [uow.kb.question(n) for n in range(1, 30)]
    return [(q.question, q.escalated) for q in rows if q is not None]


@pytest.mark.parametrize("who", ["stranger", "other partner"])
def test_ask_a_person_pressed_by_someone_else_is_refused_logged_and_changes_nothing(
    harness: Harness, world: DemoWorld, who: str, caplog: pytest.LogCaptureFixture
) -> None:
    clicker = world.stranger if who == "stranger" else world.riley
    world.acme_channel.members.add(clicker.id)
    before = harness.emu.messages(world.review_channel)
    harness.emu.mention("how do I get the private beta url", as_user=world.pat, channel=world.acme_channel)

    refused = harness.emu.click("Ask a person", as_user=clicker, in_channel=world.acme_channel)

    assert "Only the person who asked" in refused.text
    assert [m.ephemeral_to for m in refused.messages] == [clicker.id]
    assert f"refused: {clicker.id} tried to ask a person about question 1 of {world.pat.id}" in caplog.text
    assert staff_pinged(harness, world, before) == []
    assert logged_questions(harness) == [("how do I get the private beta url", False)]
    mine = harness.emu.click("Ask a person", as_user=world.pat, in_channel=world.acme_channel)
    assert "passed your question to the Developer Center team" in mine.text  # still the asker's to hand over
    assert len(escalation_posts(harness, world)) == 1


def test_staff_may_hand_a_partners_question_to_a_person(harness: Harness, world: DemoWorld) -> None:
    harness.emu.mention("how do I get the private beta url", as_user=world.pat, channel=world.acme_channel)
    harness.emu.mention("what logo formats do you need", as_user=world.pat, channel=world.acme_channel)

    by_staff = harness.emu.click("Ask a person", as_user=world.staff, in_channel=world.acme_channel)

    assert "passed your question to the Developer Center team" in by_staff.text
    [post] = escalation_posts(harness, world)
    assert "what logo formats do you need" in post
