"""/devcenter status and help, end to end: signed HTTP requests to the running app, through the emulator."""

from __future__ import annotations

import pytest

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness


def test_partner_sees_its_integration_stage_next_step_pr_and_due_date(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.slash("/devcenter status", as_user=world.pat, channel=world.acme_channel)

    assert reply.status == 200
    assert "Acme Analytics" in reply.text
    assert "In review" in reply.text
    assert "2–3 business days" in reply.text
    assert "pull/3141" in reply.text
    assert "Review due: Thu Nov 26" in reply.text
    assert "Rocket Metrics" not in reply.text


def test_status_reply_is_ephemeral_to_the_partner(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter status", as_user=world.pat, channel=world.acme_channel)

    assert harness.emu.messages(world.acme_channel, as_user=world.staff) == []
    assert len(harness.emu.messages(world.acme_channel, as_user=world.pat)) == 1


def test_staff_can_look_up_any_integration_by_slug(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.slash("/devcenter status rocket-metrics", as_user=world.staff)

    assert "Rocket Metrics" in reply.text and "Private beta" in reply.text


def test_partner_cannot_look_at_another_partners_integration(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.slash("/devcenter status rocket-metrics", as_user=world.pat)

    assert "No integration called `rocket-metrics`" in reply.text
    assert "Private beta" not in reply.text


def test_user_without_a_partner_is_told_how_to_get_access(harness: Harness, world: DemoWorld) -> None:
    reply = harness.emu.slash("/devcenter status", as_user=world.stranger)

    assert "not part of a Developer Center partner yet" in reply.text
    assert "/devcenter join" in reply.text


@pytest.mark.parametrize("line", ["/devcenter", "/devcenter help", "/devcenter frobnicate now"])
def test_help_and_unknown_subcommands_list_the_commands(harness: Harness, world: DemoWorld, line: str) -> None:
    reply = harness.emu.slash(line, as_user=world.pat)

    assert "/devcenter status" in reply.text
    assert ("I don't know `frobnicate`" in reply.text) == ("frobnicate" in line)


def test_command_text_containing_payload_is_not_answered_404(harness: Harness, world: DemoWorld) -> None:
    # slack-bolt 1.30 parses any form body containing "payload" as an interactivity envelope (404).
    reply = harness.emu.slash("/devcenter status payload", as_user=world.staff)

    assert reply.status == 200
    assert "No integration called `payload`" in reply.text


def test_mention_gives_external_partners_the_same_commands_privately(harness: Harness, world: DemoWorld) -> None:
    harness.emu.mention("status", as_user=world.pat, channel=world.acme_channel)

    replies = [m for m in harness.emu.messages(world.acme_channel, as_user=world.pat) if m.thread_ts]
    assert any("In review" in harness.emu.message_text(m) for m in replies)
    assert all(m.ephemeral_to == world.pat.id for m in replies)  # staff data and status are never public


def test_a_staff_mention_in_a_shared_channel_shows_the_queue_to_staff_only(harness: Harness, world: DemoWorld) -> None:
    harness.emu.mention("queue", as_user=world.staff, channel=world.acme_channel)

    assert not any(
        "Waiting on Segment" in harness.emu.message_text(m)
        for m in harness.emu.messages(world.acme_channel, as_user=world.pat)
    )
    assert any(
        "Waiting on Segment" in harness.emu.message_text(m)
        for m in harness.emu.messages(world.acme_channel, as_user=world.staff)
    )


def test_home_tab_shows_status_and_commands(harness: Harness, world: DemoWorld) -> None:
    harness.emu.open_home(world.riley)

    home = harness.emu.home(world.riley)
    assert "Rocket Metrics" in home and "Private beta" in home and "Commands" in home


def test_help_lists_every_command_word() -> None:
    from handlers import table
    from slackbot.render.commands import help_text

    listed = help_text()
    assert [word for word in table("ROUTES") if word and f"/devcenter {word}" not in listed] == []


def test_partners_can_write_commands_and_questions_to_the_bot_directly(harness: Harness, world: DemoWorld) -> None:
    status = harness.emu.dm("status", as_user=world.pat)
    answer = harness.emu.dm("when is the next deploy?", as_user=world.pat)

    assert "In review" in status.text
    assert "Wednesday" in answer.text and "Tuesday" in answer.text
    bot_replies = [m for m in harness.emu.dms(world.pat) if m.user == "U0BOTDEV01"]
    assert len(bot_replies) == 2  # one answer each, nothing more
