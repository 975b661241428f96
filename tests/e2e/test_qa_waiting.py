"""Escalated questions wait where staff look: `/devcenter queue` and the staff App Home list them oldest first, with
who asked, where and a link to the thread, until a staff member answers (in the review thread or the asker's own)."""

from __future__ import annotations

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import Message

BOOTH = "does segment sponsor our booth at the berlin trade fair"
SWAG = "can segment send us stickers and t-shirts for our hackathon"


def escalation_post(harness: Harness, world: DemoWorld, question: str) -> Message:
    return next(
        m
        for m in harness.emu.messages(world.review_channel)
        if not m.thread_ts
        and question in harness.emu.message_text(m)
        and "Question from" in harness.emu.message_text(m)
    )


def queue(harness: Harness, world: DemoWorld) -> str:
    return harness.emu.slash("/devcenter queue", as_user=world.staff).text


def staff_home(harness: Harness, world: DemoWorld) -> str:
    harness.emu.open_home(world.staff)
    return harness.emu.home(world.staff)


def asked_by_mention_and_dm(harness: Harness, world: DemoWorld) -> Message:
    """Pat asks about the booth in Acme's channel; two hours later Riley asks about swag by DM."""
    harness.emu.mention(BOOTH, as_user=world.pat, channel=world.acme_channel)
    asked = next(m for m in reversed(harness.emu.messages(world.acme_channel)) if m.user == world.pat.id)
    harness.clock.advance(hours=2)
    harness.emu.dm(SWAG, as_user=world.riley)
    harness.clock.advance(hours=3)
    return asked


def test_escalated_questions_wait_in_the_queue_oldest_first_with_who_where_and_a_link(
    harness: Harness, world: DemoWorld
) -> None:
    asked_by_mention_and_dm(harness, world)

    text = queue(harness, world)

    booth_post = escalation_post(harness, world, BOOTH)
    assert text.index(BOOTH) < text.index(SWAG)  # oldest first
    assert "*Question* from @pat.partner (Acme Analytics) in #partner-acme-analytics · waiting 5h" in text
    assert "*Question* from @riley.rocket (Rocket Metrics) in a direct message · waiting 3h" in text
    link = f"https://slack.com/archives/{world.review_channel.id}/p{booth_post.ts.replace('.', '')}"
    assert f"answer in its thread ({link})" in text


def test_the_staff_home_shows_the_same_questions_waiting(harness: Harness, world: DemoWorld) -> None:
    asked_by_mention_and_dm(harness, world)

    home = staff_home(harness, world)

    assert "*Questions waiting* (2), oldest first" in home
    assert home.index(BOOTH) < home.index(SWAG)
    assert "from @pat.partner (Acme Analytics) in #partner-acme-analytics · waiting 5h" in home
    assert "from @riley.rocket (Rocket Metrics) in a direct message · waiting 3h" in home


def test_a_staff_reply_in_the_review_thread_takes_the_question_off_both_lists(
    harness: Harness, world: DemoWorld
) -> None:
    asked_by_mention_and_dm(harness, world)

    harness.emu.reply_in_thread(
        "Send us the details and we'll see.",
        as_user=world.staff,
        channel=world.review_channel,
        thread_ts=escalation_post(harness, world, SWAG).ts,
    )

    assert SWAG not in queue(harness, world) and BOOTH in queue(harness, world)
    home = staff_home(harness, world)
    assert "*Questions waiting* (1)" in home and SWAG not in home
    assert any("Send us the details" in harness.emu.message_text(m) for m in harness.emu.dms(world.riley))


def test_a_staff_reply_in_the_askers_own_thread_answers_it_there(harness: Harness, world: DemoWorld) -> None:
    asked = asked_by_mention_and_dm(harness, world)

    harness.emu.reply_in_thread(
        "No sponsorships this year, sorry!", as_user=world.staff, channel=world.acme_channel, thread_ts=asked.ts
    )

    assert BOOTH not in queue(harness, world) and SWAG in queue(harness, world)
    assert BOOTH not in staff_home(harness, world)
    relayed = [m for m in harness.emu.messages(world.acme_channel) if "Developer Center team" in m.text]
    assert relayed == []  # the partner read the answer in place; nothing is relayed


def test_a_partner_reply_in_their_own_thread_does_not_answer_it(harness: Harness, world: DemoWorld) -> None:
    asked = asked_by_mention_and_dm(harness, world)

    harness.emu.reply_in_thread("Anyone?", as_user=world.pat, channel=world.acme_channel, thread_ts=asked.ts)

    assert BOOTH in queue(harness, world)


def test_with_nothing_escalated_the_home_says_no_question_waits(harness: Harness, world: DemoWorld) -> None:
    home = staff_home(harness, world)

    assert "*Questions waiting*\n_none: every question handed to the team has an answer_" in home
    assert "Question from" not in queue(harness, world)
