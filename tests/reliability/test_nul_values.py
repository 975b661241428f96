"""A button value with a NUL byte (PostgreSQL text cannot hold one) is refused like any value the bot did not make."""

from __future__ import annotations

import logging

import pytest

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.payloads import block_actions
from slackbot.emulator.text import Button
from slackbot.ids import ActionId


def test_record_a_verification_with_a_nul_in_its_value_is_refused_without_an_error(
    harness: Harness, world: DemoWorld, caplog: pytest.LogCaptureFixture
) -> None:
    button = Button("Record a verification", ActionId.OPEN_VERIFICATION, "b", "rocket-metrics\x00", None)
    container = {"type": "message", "message_ts": "1.000001", "channel_id": world.rocket_channel.id}
    payload = block_actions(
        harness.slack.workspace, harness.driver.hooks_base, world.riley, button, container, channel=world.rocket_channel
    )

    with caplog.at_level(logging.WARNING):
        answer = harness.driver.interaction(payload)
        harness.settle()

    assert answer.status == 200
    assert [r.getMessage()[:80] for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert harness.emu.modal(world.riley) is None
