"""A release announcement to 200 shared channels against Slack's enforced rate limits: all delivered, once."""

from __future__ import annotations

from collections import Counter

import pytest

from slackbot.domain.actors import operator
from slackbot.domain.partners import parse_import
from slackbot.emulator.demo import build_world
from slackbot.emulator.harness import FrozenClock, Harness
from slackbot.services.partners import import_partners


@pytest.fixture
def crowded(harness: Harness) -> list[str]:
    """200 approved partners with their own Slack Connect channels, plus the demo workspace."""
    ws = harness.slack.workspace
    rows = ["company,integration,slug,stage,channel,users"]
    channels = []
    for n in range(200):
        user = ws.add_user(f"partner{n}", external=True)
        channel = ws.add_channel(f"partner-{n}", shared=True, members=[user])
        channels.append(channel.id)
        rows.append(f"Partner {n},Dest {n},dest-{n},building,{channel.id},{user.id}")
    import_partners(harness.bot.program, operator("test"), parse_import("\n".join(rows) + "\n"))
    world = build_world(harness)
    return [*channels, world.announce_channel.id, world.acme_channel.id, world.rocket_channel.id]


def test_fan_out_to_200_channels_under_rate_limits_delivers_exactly_one_message_each(
    harness: Harness, crowded: list[str]
) -> None:
    assert isinstance(harness.clock, FrozenClock)
    harness.slack.limiter.enabled = True  # chat.postMessage: 60 per minute workspace-wide, 1/s per channel
    start = harness.clock()
    harness.emu.slash("/devcenter announce", as_user="sam.staff")
    harness.emu.submit({"message": "Maintenance window Saturday", "stages": []}, as_user="sam.staff")
    harness.emu.submit({}, as_user="sam.staff")

    passes = harness.deliver_all()

    posts = Counter(m.channel for m in harness.slack.workspace.messages if m.text == "Maintenance window Saturday")
    assert set(posts) == set(crowded) and set(posts.values()) == {1}
    assert passes > 3  # it really was throttled (429 + Retry-After) and resumed
    elapsed = (harness.clock() - start).total_seconds()
    assert 180 <= elapsed <= 240  # 203 posts at 60/minute: three full windows, then the rest
    status = harness.emu.slash("/devcenter announce status", as_user="sam.staff").text
    assert "203/203 delivered, 0 waiting, 0 failed" in status
