"""At least once, and only once, for answers: a question is answered even when Slack fails at first or the
handler dies before answering, and Slack's retries of the same event are answered a single time."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Proof

import handlers.commands
from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import BOT_USER_ID

QUESTION = "how do I run the local server?"


def _answers(harness: Harness, world: DemoWorld) -> list[str]:
    texts = [harness.emu.message_text(m) for m in harness.emu.messages(world.acme_channel) if m.user == BOT_USER_ID]
    return [t for t in texts if "server" in t.lower()]


def _mention_event(harness: Harness, world: DemoWorld) -> dict[str, Any]:
    return harness.emu.mention_event(QUESTION, as_user=world.pat, channel=world.acme_channel)


def test_a_question_asked_while_slack_fails_is_answered_once_slack_is_back(
    harness: Harness, world: DemoWorld, proof: Proof
) -> None:
    harness.slack.inject("chat.postMessage", status=500, times=3)

    harness.emu.mention(QUESTION, as_user=world.pat, channel=world.acme_channel)
    harness.deliver_all()

    proof.deliveries("an @mention answered while chat.postMessage fails 3 times", {"answer"}, _counted(harness, world))
    assert len(_answers(harness, world)) == 1


def test_slacks_retries_of_one_event_are_answered_once(harness: Harness, world: DemoWorld, proof: Proof) -> None:
    harness.driver.event(_mention_event(harness, world), deliveries=4)
    harness.deliver_all()

    proof.deliveries("one @mention delivered 4 times (Slack's retries)", {"answer"}, _counted(harness, world))
    assert len(_answers(harness, world)) == 1


def test_an_event_whose_handler_died_is_answered_when_slack_retries_it(
    harness: Harness, world: DemoWorld, proof: Proof, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = handlers.commands.as_event_reply
    calls: list[int] = []

    def dies_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the process died here")
        return drawn(*args, **kwargs)

    monkeypatch.setattr(handlers.commands, "as_event_reply", dies_once)
    event = _mention_event(harness, world)
    harness.driver.event(event, event_id="EvDIES00001")
    harness.settle()
    assert _answers(harness, world) == []

    harness.driver.event(event, event_id="EvDIES00001")  # Slack retries: the event was never recorded
    harness.deliver_all()

    proof.deliveries("an @mention whose first handler died", {"answer"}, _counted(harness, world))
    assert len(_answers(harness, world)) == 1


def _counted(harness: Harness, world: DemoWorld) -> dict[str, int]:
    found = len(_answers(harness, world))
    return {"answer": found} if found else {}
