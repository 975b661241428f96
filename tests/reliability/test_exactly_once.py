"""Exactly once when Slack's answer is lost: the outbox reconciles an uncertain post before posting again."""

from __future__ import annotations

from collections import Counter

from conftest import Proof

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness

TEXT = "Maintenance window Saturday"


def _announce(harness: Harness) -> None:
    harness.emu.slash("/devcenter announce", as_user="sam.staff")
    harness.emu.submit({"message": TEXT, "stages": []}, as_user="sam.staff")
    harness.emu.submit({}, as_user="sam.staff")


def _posts(harness: Harness, text: str) -> dict[str, int]:
    return dict(Counter(m.channel for m in harness.slack.workspace.messages if m.text == text))


def test_forty_channels_get_an_announcement_once_when_answers_are_dropped_or_fail_after_posting(
    harness: Harness, forty: set[str], proof: Proof
) -> None:
    harness.slack.inject("chat.postMessage", after=True, drop=True, times=8)  # posted, connection dropped
    harness.slack.inject("chat.postMessage", after=True, status=500, times=8)  # posted, then a 500
    harness.slack.inject("chat.postMessage", status=429, retry_after=2, times=4)  # refused before posting

    _announce(harness)
    harness.deliver_all()

    posts = _posts(harness, TEXT)
    proof.deliveries("announcement to 43 channels under dropped answers, 500s after posting and 429s", forty, posts)
    assert set(posts) == forty and set(posts.values()) == {1}
    status = harness.emu.slash("/devcenter announce status", as_user="sam.staff").text
    assert f"{len(forty)}/{len(forty)} delivered, 0 waiting, 0 failed" in status


def test_a_threaded_reply_whose_answer_was_lost_is_found_in_the_thread_not_posted_twice(
    harness: Harness, world: DemoWorld, proof: Proof
) -> None:
    harness.emu.slash("/devcenter card acme-analytics", as_user=world.staff, channel=world.review_channel)
    harness.emu.click("Request replay info", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.click("Answer", as_user=world.pat, in_channel=world.acme_channel)
    harness.slack.inject("chat.postMessage", after=True, drop=True, times=1)
    harness.slack.inject("conversations.replies", status=500, times=1)  # the first look-up fails too

    harness.emu.submit({"answer": "We dedupe on messageId."}, as_user=world.pat)
    harness.deliver_all()

    replies = [m for m in harness.emu.messages(world.review_channel) if m.thread_ts and m.thread_ts != m.ts]
    answers = Counter(m.thread_ts for m in replies if "We dedupe on messageId." in harness.emu.message_text(m))
    proof.deliveries(
        "a threaded reply under a dropped answer and a failed look-up",
        {"answer"},
        {"answer": sum(answers.values())} if answers else {},
    )
    assert list(answers.values()) == [1]
    with harness.bot.program.uow() as uow:
        assert "maybe_sent" not in uow.outbox.counts()
