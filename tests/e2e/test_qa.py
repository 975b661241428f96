"""Build Q&A end to end: ask by slash and mention, feedback, escalation round trips, Save as FAQ."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from slackbot.domain.actors import operator
from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import Message
from slackbot.ids import CallbackId
from slackbot.services.releases import declare_emergency, set_freeze

UNCOVERED = "does segment sponsor our booth at the berlin trade fair"


def escalation_posts(harness: Harness, world: DemoWorld) -> list[Message]:
    return [
        m
        for m in harness.emu.messages(world.review_channel)
        if not m.thread_ts and "Question from" in harness.emu.message_text(m)
    ]


def mention(harness: Harness, text: str, user: object, channel: object) -> Message:
    """@DevCenter <text> in a channel; the person's message (the root of the bot's answer thread)."""
    harness.emu.mention(text, as_user=user, channel=channel)
    return next(m for m in reversed(harness.emu.messages(channel)) if m.user == harness.emu.user(user).id)


def thread(harness: Harness, channel: object, ts: str) -> list[str]:
    return [harness.emu.message_text(m) for m in harness.emu.messages(channel) if m.thread_ts == ts and m.ts != ts]


def questions(harness: Harness) -> list[tuple[str, bool, str | None, bool]]:
    with harness.bot.program.uow() as uow:
        rows = [uow.kb.question(n) for n in range(1, 50)]
    return [(q.question, q.answered, q.feedback, q.escalated) for q in rows if q is not None]


def test_slash_ask_answers_with_the_entry_its_sources_as_of_date_and_buttons(
    harness: Harness, world: DemoWorld
) -> None:
    reply = harness.emu.slash(
        "/devcenter ask how long does the review of my PR take?", as_user=world.pat, channel=world.acme_channel
    )

    assert reply.status == 200
    assert "business days" in reply.text
    assert "Sources:" in reply.text and "As of" in reply.text
    assert "Related:" in reply.text
    assert "[1] Helpful   [2] Not helpful   [3] Ask a person" in reply.text
    assert harness.emu.messages(world.acme_channel, as_user=world.staff) == []  # ephemeral to the asker


def test_next_deploy_question_gets_wednesday_release_and_tuesday_cutoff_for_the_frozen_clock(
    harness: Harness, world: DemoWorld
) -> None:
    reply = harness.emu.slash("/devcenter ask when is the next deploy", as_user=world.pat, channel=world.acme_channel)

    assert "Wednesday" in reply.text and "Tuesday 5 pm Pacific" in reply.text
    assert "*Next release:* Wednesday Nov 25, 2026 (2026-11-25)" in reply.text
    assert "Merge by *Tue Nov 24, 5:00 PM PST*" in reply.text


def test_a_mention_whose_first_word_is_no_command_is_answered_in_its_thread(harness: Harness, world: DemoWorld) -> None:
    question = mention(harness, "How do I test my destination locally?", world.pat, world.acme_channel)

    answers = thread(harness, world.acme_channel, question.ts)
    assert len(answers) == 1 and "Helpful" in answers[0] and "Sources:" in answers[0]
    assert questions(harness)[0][:2] == ("How do I test my destination locally?", True)


def test_an_uncovered_question_says_i_dont_know_and_reaches_the_review_channel(
    harness: Harness, world: DemoWorld
) -> None:
    reply = harness.emu.slash(f"/devcenter ask {UNCOVERED}", as_user=world.pat, channel=world.acme_channel)

    assert "I don't know" in reply.text and "asked the Developer Center team" in reply.text
    assert "Ask a person" not in reply.text
    [post] = escalation_posts(harness, world)
    text = harness.emu.message_text(post)
    assert "@pat.partner" in text and "#partner-acme-analytics" in text and UNCOVERED in text


def test_escalation_round_trip_from_a_mention_thread_to_staff_and_back_once(harness: Harness, world: DemoWorld) -> None:
    asked = mention(harness, UNCOVERED, world.pat, world.acme_channel)
    [post] = escalation_posts(harness, world)

    harness.emu.reply_in_thread(
        "No sponsorships this year, sorry!",
        as_user=world.staff,
        channel=world.review_channel,
        thread_ts=post.ts,
        deliveries=3,
    )
    harness.emu.reply_in_thread(
        "But we can share your launch on our blog.",
        as_user=world.staff,
        channel=world.review_channel,
        thread_ts=post.ts,
    )

    partner_thread = thread(harness, world.acme_channel, asked.ts)
    assert "I don't know" in partner_thread[0]
    assert partner_thread[1:] == [
        "@pat.partner, @sam.staff from the Developer Center team answered:\nNo sponsorships this year, sorry!",
        "*@sam.staff* (Developer Center team): But we can share your launch on our blog.",
    ]


def test_escalation_from_a_slash_command_is_answered_in_the_channel_then_in_that_thread(
    harness: Harness, world: DemoWorld
) -> None:
    harness.emu.slash(f"/devcenter ask {UNCOVERED}", as_user=world.pat, channel=world.acme_channel)
    [post] = escalation_posts(harness, world)

    harness.emu.reply_in_thread("No, sorry.", as_user=world.staff, channel=world.review_channel, thread_ts=post.ts)
    harness.emu.reply_in_thread(
        "Ping us for the blog.", as_user=world.staff, channel=world.review_channel, thread_ts=post.ts
    )

    [answer] = [m for m in harness.emu.messages(world.acme_channel) if not m.thread_ts]
    assert UNCOVERED in harness.emu.message_text(answer) and "No, sorry." in harness.emu.message_text(answer)
    assert thread(harness, world.acme_channel, answer.ts) == [
        "*@sam.staff* (Developer Center team): Ping us for the blog."
    ]


def test_replies_from_non_staff_and_in_other_threads_are_not_relayed(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash(f"/devcenter ask {UNCOVERED}", as_user=world.pat, channel=world.acme_channel)
    [post] = escalation_posts(harness, world)
    harness.slack.workspace.channels[world.review_channel.id].members.add(world.stranger.id)

    harness.emu.reply_in_thread("I think yes?", as_user=world.stranger, channel=world.review_channel, thread_ts=post.ts)
    harness.emu.reply_in_thread("Unrelated chatter", as_user=world.staff, channel=world.acme_channel, thread_ts=post.ts)

    assert [m for m in harness.emu.messages(world.acme_channel) if m.user != world.staff.id] == []


def test_ask_a_person_posts_the_question_to_staff_once(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter ask how do I get the private beta url", as_user=world.pat, channel=world.acme_channel)

    first = harness.emu.click("Ask a person", as_user=world.pat, in_channel=world.acme_channel)
    second = harness.emu.click("Ask a person", as_user=world.pat, in_channel=world.acme_channel)

    assert "passed your question to the Developer Center team" in first.text
    assert "already has this question" in second.text
    [post] = escalation_posts(harness, world)
    assert "asked for a person" in harness.emu.message_text(post)


def test_feedback_is_recorded_once_and_only_from_the_asker(harness: Harness, world: DemoWorld) -> None:
    asked = harness.emu.mention("what logo formats do you need", as_user=world.pat, channel=world.acme_channel)
    assert asked.status == 200

    by_staff = harness.emu.click("Helpful", as_user=world.staff, in_channel=world.acme_channel)
    first = harness.emu.click("Not helpful", as_user=world.pat, in_channel=world.acme_channel)
    again = harness.emu.click("Helpful", as_user=world.pat, in_channel=world.acme_channel)

    assert "Only the person who asked" in by_staff.text
    assert "Thanks for telling me" in first.text
    assert "already rated" in again.text
    assert questions(harness)[0][2] == "not_helpful"


def test_ask_without_a_question_explains_how_to_ask(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.slash("/devcenter ask", as_user=world.pat)

    assert "Ask me a build question" in reply.text
    assert questions(harness) == []


def _staff_answer_in_escalation(harness: Harness, world: DemoWorld) -> Message:
    harness.emu.mention(UNCOVERED, as_user=world.pat, channel=world.acme_channel)
    [post] = escalation_posts(harness, world)
    harness.emu.reply_in_thread(
        "We don't sponsor trade fairs; ask about co-marketing instead.",
        as_user=world.staff,
        channel=world.review_channel,
        thread_ts=post.ts,
    )
    return next(m for m in harness.emu.messages(world.review_channel) if m.user == world.staff.id)


def test_save_as_faq_turns_a_staff_answer_into_an_entry_partners_get_at_once(
    harness: Harness, world: DemoWorld
) -> None:
    answer = _staff_answer_in_escalation(harness, world)

    harness.emu.message_shortcut(CallbackId.SAVE_AS_FAQ, answer, as_user=world.staff)
    modal = harness.emu.modal(world.staff)
    assert modal is not None
    initial = {b["block_id"]: b["element"].get("initial_value") for b in modal.data["blocks"] if b["type"] == "input"}
    assert initial["faq.questions"] == UNCOVERED
    assert initial["faq.answer"] == "We don't sponsor trade fairs; ask about co-marketing instead."
    saved = harness.emu.submit(
        {
            **initial,
            "faq.id": "trade-fair-sponsoring",
            "faq.title": "Trade fair sponsoring",
            "faq.tags": "events, marketing",
        },
        as_user=world.staff,
    )

    assert saved.response.body == ""
    assert "Saved *Trade fair sponsoring*" in saved.messages[-1].text
    reply = harness.emu.slash(
        "/devcenter ask will segment sponsor our trade fair booth", as_user=world.riley, channel=world.rocket_channel
    )
    assert "Trade fair sponsoring" in reply.text and "co-marketing" in reply.text
    with harness.bot.program.uow() as uow:
        row = uow.kb.entry("trade-fair-sponsoring")
    assert row is not None
    assert (row.origin, row.created_by, row.tags) == ("staff", "U0STAFF001", ["events", "marketing"])


def test_save_as_faq_shows_inline_errors_for_missing_fields_long_answers_and_taken_ids(
    harness: Harness, world: DemoWorld
) -> None:
    answer = _staff_answer_in_escalation(harness, world)
    harness.emu.message_shortcut(CallbackId.SAVE_AS_FAQ, answer, as_user=world.staff)

    empty = harness.emu.submit(
        {"faq.id": "", "faq.title": "", "faq.questions": "", "faq.answer": ""}, as_user=world.staff
    ).response.json()
    long = harness.emu.submit(
        {"faq.id": "deploy-schedule", "faq.title": "Deploys", "faq.questions": "When?", "faq.answer": "x" * 2901},
        as_user=world.staff,
    ).response.json()
    taken = harness.emu.submit(
        {"faq.id": "deploy-schedule", "faq.title": "Deploys", "faq.questions": "When?", "faq.answer": "Wednesdays."},
        as_user=world.staff,
    ).response.json()

    assert empty["response_action"] == "errors"
    assert set(empty["errors"]) == {"faq.id", "faq.title", "faq.questions", "faq.answer"}
    assert set(long["errors"]) == {"faq.answer"} and "2901 characters" in long["errors"]["faq.answer"]
    assert taken["errors"] == {"faq.id": "An entry with id `deploy-schedule` already exists; choose another id."}
    with harness.bot.program.uow() as uow:
        assert uow.kb.entries() == []


def test_save_as_faq_is_refused_to_non_staff_and_stores_nothing(
    harness: Harness, world: DemoWorld, caplog: pytest.LogCaptureFixture
) -> None:
    asked = mention(harness, "how do I get the private beta url", world.pat, world.acme_channel)

    reply = harness.emu.message_shortcut(CallbackId.SAVE_AS_FAQ, asked, as_user=world.pat)

    assert "Only Developer Center staff" in reply.text
    assert [m.ephemeral_to for m in reply.messages] == [world.pat.id]
    assert harness.emu.modal(world.pat) is None
    assert "refused: U0MEMBER01 (not staff) tried to open Save as FAQ" in caplog.text
    with harness.bot.program.uow() as uow:
        assert uow.kb.entries() == []


def test_a_question_containing_the_word_payload_is_answered_not_404(harness: Harness, world: DemoWorld) -> None:
    # slack-bolt 1.30 parses a form body containing "payload" as an interactivity envelope (see slackbot/web.py).
    reply = harness.emu.slash(
        "/devcenter ask does performBatch get the payload as an array", as_user=world.pat, channel=world.acme_channel
    )

    assert reply.status == 200
    assert "Helpful" in reply.text and "I don't know" not in reply.text


def test_the_next_deploy_answer_skips_a_frozen_wednesday_and_names_an_emergency_release(
    harness: Harness, world: DemoWorld
) -> None:
    staff = operator("cli:sam")
    set_freeze(harness.bot.program, staff, date(2026, 11, 25), frozen=True, reason="Thanksgiving week")
    frozen = harness.emu.slash("/devcenter ask when is the next deploy", as_user=world.pat, channel=world.acme_channel)
    cutoff = datetime.fromisoformat("2026-11-27T12:00:00-08:00")
    declare_emergency(harness.bot.program, staff, date(2026, 11, 27), cutoff, "hotfix")
    emergency = harness.emu.slash("/devcenter ask when is the next deploy", as_user=world.pat)

    assert "*Next release:* Wednesday Dec 2, 2026 (2026-12-02)" in frozen.text
    assert "Merge by *Tue Dec 1, 5:00 PM PST*" in frozen.text
    assert "(2026-11-27)" in emergency.text and "Merge by *Fri Nov 27, 12:00 PM PST*" in emergency.text
