"""Welcomes: once per partner user, ever, in the shared channel and by DM, through the outbox."""

from __future__ import annotations

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness


def _welcomes(harness: Harness, world: DemoWorld, user_name: str) -> tuple[int, int]:
    channel = sum(
        f"Welcome @{user_name} to" in harness.emu.message_text(m) for m in harness.emu.messages(world.rocket_channel)
    )
    user = harness.emu.user(user_name)
    dm = sum("welcome to the Segment Developer Center" in harness.emu.message_text(m) for m in harness.emu.dms(user))
    return channel, dm


def test_join_delivered_four_times_with_retry_headers_welcomes_once(harness: Harness, world: DemoWorld) -> None:
    answers = harness.emu.join(world.riley, world.rocket_channel, deliveries=4)

    assert [a.status for a in answers] == [200, 200, 200, 200]
    assert _welcomes(harness, world, "riley.rocket") == (1, 1)


def test_leaving_and_rejoining_does_not_welcome_again(harness: Harness, world: DemoWorld) -> None:
    harness.emu.join(world.riley, world.rocket_channel)
    harness.emu.leave(world.riley, world.rocket_channel)
    harness.emu.join(world.riley, world.rocket_channel)

    assert _welcomes(harness, world, "riley.rocket") == (1, 1)


def test_a_mass_join_welcomes_each_new_teammate_once(harness: Harness, world: DemoWorld) -> None:
    teammates = [harness.slack.workspace.add_user(f"rocketeer{i}", external=True) for i in range(12)]
    for user in teammates:
        harness.emu.join(user, world.rocket_channel, deliveries=2)

    for user in teammates:
        assert _welcomes(harness, world, user.name) == (1, 1)
    status = harness.emu.slash("/devcenter status", as_user=teammates[0])
    assert "Rocket Metrics" in status.text  # the new teammate now belongs to the partner


def test_staff_and_internal_users_joining_a_partner_channel_get_no_welcome(harness: Harness, world: DemoWorld) -> None:
    harness.emu.join(world.staff, world.rocket_channel)
    harness.emu.join(world.stranger, world.rocket_channel)

    assert all("Welcome" not in harness.emu.message_text(m) for m in harness.emu.messages(world.rocket_channel))


def test_welcome_waits_in_the_outbox_while_slack_rate_limits(harness: Harness, world: DemoWorld) -> None:
    harness.slack.inject("chat.postMessage", status=429, retry_after=30, times=2)

    harness.emu.join(world.riley, world.rocket_channel)
    assert _welcomes(harness, world, "riley.rocket") == (0, 0)

    harness.clock.advance(seconds=30)
    harness.settle()
    harness.clock.advance(seconds=30)
    harness.settle()

    assert _welcomes(harness, world, "riley.rocket") == (1, 1)
    with harness.bot.program.uow() as uow:
        assert uow.outbox.counts_for("welcome:") == {"sent": 2}


def test_slack_server_errors_and_dropped_connections_are_retried_without_duplicates(
    harness: Harness, world: DemoWorld
) -> None:
    harness.slack.inject("chat.postMessage", status=500, times=1)
    harness.slack.inject("conversations.open", drop=True, times=1)

    harness.emu.join(world.riley, world.rocket_channel)
    for _ in range(6):
        harness.clock.advance(minutes=5)
        harness.settle()

    assert _welcomes(harness, world, "riley.rocket") == (1, 1)
