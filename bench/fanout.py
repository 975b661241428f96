"""An announcement to many shared channels against the emulator's enforced rate limit, in real time."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

from bench.load import load
from slackbot.app import system_clock
from slackbot.domain.actors import Actor
from slackbot.emulator.harness import Harness
from slackbot.emulator.server import FakeSlack
from slackbot.emulator.workspace import Workspace
from slackbot.services import announcements
from storage.db import make_engine, upgrade

LIMIT_PER_WINDOW, SPEED = 60, 60.0  # Slack's 60 chat.postMessage per minute, time compressed 60×: 60 per second


@dataclass(frozen=True)
class FanOut:
    """Result of one fan-out."""

    channels: int
    wall: float
    lower_bound: float
    lost: int
    duplicates: int


def fan_out(channels: int, url: str) -> FanOut:
    """Queue one announcement for `channels` partner channels and deliver it; compare with the rate's bound.

    `url` names an empty database; it is migrated and loaded here.
    """
    slack = FakeSlack(Workspace())
    slack.limiter.enabled, slack.limiter.speed = True, SPEED
    engine = make_engine(url)
    upgrade(engine)
    ids = [slack.workspace.add_channel(f"partner-{n}", shared=True).id for n in range(channels)]
    load(engine, channels, 1, channels=ids)
    engine.dispose()
    rate = LIMIT_PER_WINDOW * SPEED / 60
    # the real clock: a 429 is rescheduled by its Retry-After, which a frozen clock would never reach
    harness = Harness(
        url, clock=system_clock, slack=slack, staff_users=frozenset({"U0STAFF001"}), post_rate=rate * 0.97
    )
    try:
        staff = Actor("U0STAFF001", is_staff=True, partner_id=None)
        preview = announcements.draft(harness.bot.program, staff, "Bench announcement", None)
        started = time.perf_counter()
        announcements.send(harness.bot.program, staff, preview.announcement_id)
        while announcements.progress(harness.bot.program, staff, preview.announcement_id).pending:
            report = harness.bot.outbox.drain()
            if report.next_retry_at:  # throttled: Slack said when to come back
                time.sleep(max((report.next_retry_at - harness.clock()).total_seconds(), 0))
        wall = time.perf_counter() - started
    finally:
        harness.close()
    posts = Counter(m.channel for m in slack.workspace.messages if m.text == "Bench announcement")
    return FanOut(
        channels,
        wall,
        channels / rate,
        sum(1 for c in ids if posts[c] == 0),
        sum(n - 1 for n in posts.values() if n > 1),
    )
