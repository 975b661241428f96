"""Socket Mode: with SLACK_APP_TOKEN the same bot takes envelopes over a WebSocket and acks them there."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl

import pytest
from slack_bolt.adapter.socket_mode import SocketModeHandler

from slackbot.app import Bot, build_bot
from slackbot.config import Settings
from slackbot.emulator.driver import Driver
from slackbot.emulator.harness import FrozenClock
from slackbot.emulator.server import FakeSlack
from slackbot.emulator.workspace import Workspace
from slackbot.services.demo import seed_demo


@pytest.fixture
def socket_bot(database_url: str) -> Iterator[tuple[FakeSlack, Bot]]:
    clock = FrozenClock()
    slack = FakeSlack(Workspace()).start()
    server = slack.enable_socket_mode()
    settings = Settings(
        bot_token="xoxb-socket",
        app_token="xapp-1-socket",
        slack_api_url=slack.api_url,
        database_url=database_url,
        post_rate=0.0,
    )
    bot = build_bot(settings, clock=clock)
    pat = slack.workspace.add_user("pat.partner", external=True, user_id="U0MEMBER01")
    channel = slack.workspace.add_channel("partner-acme-analytics", shared=True, members=[pat])
    seed_demo(
        bot.program, acme_channel=channel.id, acme_users=pat.id, rocket_channel="C0ROCKET01", rocket_users="U0RILEY001"
    )
    handler = SocketModeHandler(bot.app, settings.app_token)
    handler.connect()
    assert server.wait_connected()
    yield slack, bot
    slack.stop()  # drop the WebSocket first: the client's receive loop ends at once instead of timing out
    handler.close()
    bot.engine.dispose()


def test_a_slash_command_over_socket_mode_is_answered_in_its_ack(socket_bot: tuple[FakeSlack, Bot]) -> None:
    slack, _bot = socket_bot
    ws = slack.workspace
    body = Driver("http://unused/", "unused", ws, slack.base_url).slash_body(
        ws.user_by_name("pat.partner"), ws.channel_by_name("partner-acme-analytics"), "/devcenter", "status"
    )

    ack = ws.socket_mode.send("slash_commands", dict(parse_qsl(body)))

    assert "In review" in str(ack["payload"]["blocks"])


def test_a_join_over_socket_mode_is_acked_and_welcomed_once(socket_bot: tuple[FakeSlack, Bot]) -> None:
    slack, bot = socket_bot
    ws = slack.workspace
    riley = ws.add_user("ann.acme", external=True)
    channel = ws.channel_by_name("partner-acme-analytics")
    channel.members.add(riley.id)
    event = {
        "type": "event_callback",
        "event_id": "EvSOCKET1",
        "team_id": "T0DEVCTR01",
        "api_app_id": "A0DEVCTR01",
        "event": {"type": "member_joined_channel", "user": riley.id, "channel": channel.id},
    }

    for _ in range(2):
        assert ws.socket_mode.send("events_api", event)["envelope_id"]
    bot.app.listener_runner.listener_executor.wait_idle()
    bot.outbox.drain()

    welcomes = [m for m in ws.visible_messages(channel.id) if f"<@{riley.id}>" in m.text]
    assert len(welcomes) == 1
