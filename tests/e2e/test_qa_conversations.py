"""Q&A conversations that go somewhere: a mistyped command is told privately, a question typed after /devcenter is
answered, small talk gets a friendly word, another language a pointer to English and to a person, and only real
unknown questions reach staff (who see them waiting until they answer)."""

from __future__ import annotations

import pytest

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import Message
from slackbot.ids import CallbackId

UNCOVERED = "does segment sponsor our booth at the berlin trade fair"
SPANISH = "¿Cómo pruebo mi destino localmente?"


def said_by_bot(harness: Harness, channel: object, *, as_user: object | None = None) -> list[Message]:
    return [m for m in harness.emu.messages(channel, as_user=as_user) if m.bot_id]


def texts(harness: Harness, messages: list[Message]) -> list[str]:
    return [harness.emu.message_text(m) for m in messages]


def escalation_posts(harness: Harness, world: DemoWorld) -> list[str]:
    posts = [m for m in harness.emu.messages(world.review_channel) if not m.thread_ts]
    return [t for t in texts(harness, posts) if "Question from" in t]


def staff_pinged(harness: Harness, world: DemoWorld, before: list[Message]) -> list[str]:
    """What reached the review channel since `before` (the demo's review card is there from the start)."""
    return texts(harness, [m for m in harness.emu.messages(world.review_channel) if m not in before])


def logged_questions(harness: Harness) -> list[tuple[str, bool]]:
    with harness.bot.program.uow() as uow:
        rows = [uow.kb.question(n) for n in range(1, 30)]
    return [(q.question, q.escalated) for q in rows if q is not None]


# ------------------------------------------------------------------------------------------- typos and questions


def test_a_mistyped_command_after_a_mention_gets_a_private_did_you_mean(harness: Harness, world: DemoWorld) -> None:
    harness.emu.mention("stauts", as_user=world.pat, channel=world.acme_channel)

    [reply] = said_by_bot(harness, world.acme_channel, as_user=world.pat)
    assert reply.ephemeral_to == world.pat.id and reply.thread_ts is not None
    assert "Did you mean `status`?" in harness.emu.message_text(reply)
    assert "Running the local server" not in harness.emu.message_text(reply)
    assert said_by_bot(harness, world.acme_channel, as_user=world.staff) == []  # nobody else sees it
    assert logged_questions(harness) == []


def test_a_mistyped_slash_command_or_dm_gets_did_you_mean_instead_of_the_help(
    harness: Harness, world: DemoWorld
) -> None:
    slash = harness.emu.slash("/devcenter chekclist", as_user=world.pat, channel=world.acme_channel)
    direct = harness.emu.dm("stauts", as_user=world.pat)

    assert "Did you mean `checklist`?" in slash.text and "here is what I can do" not in slash.text
    assert [m.ephemeral_to for m in slash.messages] == [world.pat.id]
    assert "Did you mean `status`?" in direct.text
    assert logged_questions(harness) == []


def test_a_question_typed_after_slash_devcenter_is_answered_not_given_the_help(
    harness: Harness, world: DemoWorld
) -> None:
    reply = harness.emu.slash(
        "/devcenter how do I run the local server?", as_user=world.pat, channel=world.acme_channel
    )

    assert "Running the local server" in reply.text
    assert "Helpful" in reply.text and "here is what I can do" not in reply.text
    assert [m.ephemeral_to for m in reply.messages] == [world.pat.id]
    assert logged_questions(harness) == [("how do I run the local server?", False)]


def test_a_command_word_still_runs_its_command(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.slash("/devcenter status", as_user=world.pat, channel=world.acme_channel)

    assert "In review" in reply.text and "Did you mean" not in reply.text
    assert logged_questions(harness) == []


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("do I need OAuth?", "Is Enable with Segment (OAuth) required?"),
        ("who do I email?", "Support contacts for partners: reaching a person at Segment"),
    ],
)
def test_requirement_and_contact_questions_get_the_entry_that_answers_them(
    harness: Harness, world: DemoWorld, question: str, title: str
) -> None:
    harness.emu.mention(question, as_user=world.pat, channel=world.acme_channel)

    [answer] = said_by_bot(harness, world.acme_channel, as_user=world.staff)  # in the thread, for everyone
    assert harness.emu.message_text(answer).startswith(f"*{title}")


# ------------------------------------------------------------------------------------------- small talk


@pytest.mark.parametrize(("text", "reply"), [("hello", "Hi!"), ("thanks!", "You're welcome!")])
def test_small_talk_after_a_mention_gets_a_friendly_word_and_reaches_no_one_else(
    harness: Harness, world: DemoWorld, text: str, reply: str
) -> None:
    before = harness.emu.messages(world.review_channel)
    harness.emu.mention(text, as_user=world.pat, channel=world.acme_channel)

    [answer] = said_by_bot(harness, world.acme_channel)
    assert harness.emu.message_text(answer).startswith(reply) and answer.thread_ts is not None
    assert "I don't know" not in harness.emu.message_text(answer) and "Helpful" not in harness.emu.message_text(answer)
    assert staff_pinged(harness, world, before) == []
    assert logged_questions(harness) == []


@pytest.mark.parametrize("greeting", ["hello", "hi there"])
def test_a_greeting_by_direct_message_is_greeted_not_escalated(
    harness: Harness, world: DemoWorld, greeting: str
) -> None:
    before = harness.emu.messages(world.review_channel)
    reply = harness.emu.dm(greeting, as_user=world.riley)

    assert reply.text.startswith("Hi! Ask me anything about building your Segment integration")
    assert "I don't know" not in reply.text and "asked the Developer Center team" not in reply.text
    assert staff_pinged(harness, world, before) == []


# ------------------------------------------------------------------------------------------- other languages


def test_a_question_in_another_language_is_told_english_and_offered_a_person(
    harness: Harness, world: DemoWorld
) -> None:
    before = harness.emu.messages(world.review_channel)
    harness.emu.mention(SPANISH, as_user=world.pat, channel=world.acme_channel)

    [answer] = said_by_bot(harness, world.acme_channel)
    text = harness.emu.message_text(answer)
    assert "knowledge base is written in English" in text and "Ask a person" in text
    assert staff_pinged(harness, world, before) == []  # nobody pinged yet

    asked = harness.emu.click("Ask a person", as_user=world.pat, in_channel=world.acme_channel)

    assert "passed your question to the Developer Center team" in asked.text
    [post] = escalation_posts(harness, world)
    assert SPANISH in post and "not in English" in post
    assert logged_questions(harness) == [(SPANISH, True)]


def test_a_real_unknown_question_still_goes_to_staff(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.dm(UNCOVERED, as_user=world.riley)

    assert "I don't know" in reply.text and "asked the Developer Center team" in reply.text
    [post] = escalation_posts(harness, world)
    assert UNCOVERED in post and "@riley.rocket" in post


# ------------------------------------------------------------------------------------------- citations


def test_answers_cite_public_pages_with_links(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.slash(
        "/devcenter ask how do we join the partner program?", as_user=world.pat, channel=world.acme_channel
    )

    [sources] = [line.strip() for line in reply.text.splitlines() if line.strip().startswith("Sources:")]
    assert sources.startswith("Sources: Segment docs: Developer Center Overview — Become a Segment Partner")
    assert "(https://segment.com/docs/partners/)" in sources
    assert "seed" not in sources.casefold() and ".txt" not in sources
    assert "Segment Partner Program Agreement (https://segment.com/legal/partnersagreement/)" in reply.text


def test_an_answer_staff_saved_from_slack_cites_the_team_not_the_internal_message(
    harness: Harness, world: DemoWorld
) -> None:
    harness.emu.mention(UNCOVERED, as_user=world.pat, channel=world.acme_channel)
    root = next(m for m in harness.emu.messages(world.review_channel) if "Question from" in harness.emu.message_text(m))
    harness.emu.reply_in_thread(
        "We don't sponsor trade fairs; ask about co-marketing instead.",
        as_user=world.staff,
        channel=world.review_channel,
        thread_ts=root.ts,
    )
    answer = next(m for m in harness.emu.messages(world.review_channel) if m.user == world.staff.id)
    harness.emu.message_shortcut(CallbackId.SAVE_AS_FAQ, answer, as_user=world.staff)
    harness.emu.submit(
        {"faq.id": "trade-fair-sponsoring", "faq.title": "Trade fair sponsoring", "faq.questions": UNCOVERED,
         "faq.answer": "We don't sponsor trade fairs; ask about co-marketing instead."},
        as_user=world.staff,
    )  # fmt: skip

    reply = harness.emu.slash(
        "/devcenter ask will segment sponsor our trade fair booth", as_user=world.riley, channel=world.rocket_channel
    )

    assert "Trade fair sponsoring" in reply.text
    assert "Sources: the Developer Center team  |  As of" in reply.text
    assert "Slack message" not in reply.text and world.review_channel.id not in reply.text
