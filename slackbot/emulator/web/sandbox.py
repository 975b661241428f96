"""The sandbox's state: the emulator harness with the demo world, its clock, and what the page remembers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from slackbot.app import system_clock
from slackbot.emulator.demo import (
    DemoWorld,
    build_world,
    demo_harness,
)
from slackbot.emulator.harness import Harness, ShiftedClock
from slackbot.emulator.web import adapter
from slackbot.emulator.web.mrkdwn import Names
from slackbot.emulator.workspace import Channel, User, Workspace

SANDBOX_DB = Path("var/sandbox.db")
PROSPECT_ID = "U0ZOEZEB01"  # an external user whose company has not joined the program yet


@dataclass(frozen=True)
class Person:
    """Someone the page can act as."""

    user: User
    role: str

    @property
    def label(self) -> str:
        """What the "Acting as" picker shows."""
        return f"{self.user.real_name} — {self.role}"


@dataclass
class Draft:
    """What a person typed into a modal that the bot refused, and the bot's inline errors (Slack keeps both)."""

    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class Session:
    """One run of the demo: a reset throws it away and starts another."""

    harness: Harness
    world: DemoWorld
    clock: ShiftedClock
    prospect: User
    drafts: dict[str, Draft] = field(default_factory=dict)
    seen: dict[str, datetime] = field(default_factory=dict)  # message ts -> sandbox time it first appeared


class Sandbox:
    """The real bot, the emulated workspace and the demo data; every action and page read holds `lock`."""

    def __init__(self, database: Path = SANDBOX_DB, *, real_clock: Callable[[], datetime] = system_clock) -> None:
        self.database, self.real_clock = database, real_clock
        self.lock = threading.RLock()
        self.generation = 0
        self.session = self._start()
        self.names = Names(user=self.user_name, channel=self.channel_name)

    def _start(self) -> Session:
        url = adapter.fresh_database(self.database)
        clock = ShiftedClock(self.real_clock)
        harness = demo_harness(url, clock)
        try:
            world = build_world(harness)
            prospect = harness.slack.workspace.add_user("zoe.zebra", "Zoe Zebra", external=True, user_id=PROSPECT_ID)
            adapter.start_outbox(harness)
        except BaseException:
            harness.close()
            raise
        return Session(harness, world, clock, prospect)

    # -- lifecycle ---------------------------------------------------------------------------------
    def reset(self) -> None:
        """Throw the demo away and start again: fresh database, fresh workspace, real time."""
        with self.lock:
            self._stop()
            self.session = self._start()
            self.generation += 1

    def close(self) -> None:
        """Stop the bot, the emulator and the outbox worker."""
        with self.lock:
            self._stop()

    def _stop(self) -> None:
        adapter.stop_outbox(self.session.harness)
        self.session.harness.close()

    # -- shortcuts ---------------------------------------------------------------------------------
    @property
    def harness(self) -> Harness:
        """The current session's harness."""
        return self.session.harness

    @property
    def ws(self) -> Workspace:
        """The emulated workspace."""
        return self.session.harness.slack.workspace

    @property
    def timezone(self) -> str:
        """The program's timezone (release days, cutoffs, the clock shown)."""
        return self.session.harness.settings.timezone

    def now(self) -> datetime:
        """The sandbox clock."""
        return self.session.clock()

    # -- people and places -------------------------------------------------------------------------
    def people(self) -> list[Person]:
        """The demo users, staff first."""
        world, prospect = self.session.world, self.session.prospect
        return [
            Person(world.staff, "Segment staff"),
            Person(world.pat, "partner, Acme Analytics (external)"),
            Person(world.riley, "partner, Rocket Metrics (external)"),
            Person(prospect, "Zebra Metrics, not a partner yet (external)"),
            Person(world.stranger, "in the workspace, neither staff nor partner"),
        ]

    def person(self, name: str) -> User:
        """A demo user by name (KeyError when unknown)."""
        for person in self.people():
            if person.user.name == name:
                return person.user
        raise KeyError(name)

    def home_channel(self, user: User) -> Channel:
        """Where a user lands: their partner channel, staff the review channel, others their bot DM."""
        world = self.session.world
        mapping = {
            world.pat.id: world.acme_channel,
            world.riley.id: world.rocket_channel,
            world.staff.id: world.review_channel,
        }
        return mapping.get(user.id) or self.ws.im_with(user.id)

    def channels_of(self, user: User) -> list[Channel]:
        """The channels a user is in (their DM with the bot last)."""
        dm = self.ws.im_with(user.id)
        with self.ws.lock:
            joined = [c for c in self.ws.channels.values() if not c.is_im and user.id in c.members]
        return [*sorted(joined, key=lambda c: c.name), dm]

    def channel_for(self, user: User, channel_id: str) -> Channel:
        """A channel the user may look at (KeyError otherwise)."""
        channel = self.ws.channels[channel_id]
        if user.id not in channel.members:
            raise KeyError(channel_id)
        return channel

    def user_name(self, user_id: str) -> str:
        """A user's name for mentions."""
        user = self.ws.users.get(user_id)
        return user.name if user else user_id

    def channel_name(self, channel_id: str) -> str:
        """A channel's name for mentions (a DM reads as the person's name)."""
        channel = self.ws.channels.get(channel_id)
        if channel is None:
            user = self.ws.users.get(channel_id)
            return f"DM @{user.name}" if user else channel_id
        return f"DM @{self.user_name(channel.im_user or '')}" if channel.is_im else channel.name

    # -- memory ------------------------------------------------------------------------------------
    def first_seen(self, ts: str) -> datetime:
        """When the sandbox first showed a message (emulator ts values are not wall-clock times)."""
        return self.session.seen.setdefault(ts, self.now())

    def fingerprint(self) -> tuple[Any, ...]:
        """Changes whenever anything the page shows changes (the live updates compare it)."""
        ws = self.ws
        with ws.lock:
            messages = (len(ws.messages), sum(m.revision for m in ws.messages))
            views = tuple((v.id, v.hash, v.closed) for v in ws.views.values())
            homes = tuple(v.hash for v in ws.homes.values())
        outbox = tuple(adapter.outbox_counts(self.harness).values())
        deliveries = len(self.harness.github.deliveries) if self.harness.github else 0
        return self.generation, messages, views, homes, outbox, deliveries
