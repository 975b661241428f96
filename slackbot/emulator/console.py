"""The console sandbox: type as a partner or as staff; the real bot answers through the emulator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from slackbot.app import system_clock
from slackbot.emulator.console_commands import COMMANDS
from slackbot.emulator.demo import (
    DemoWorld,
    build_world,
    demo_harness,
)
from slackbot.emulator.dsl import EmulatorError
from slackbot.emulator.harness import Harness, ShiftedClock
from slackbot.emulator.text import Button, render_blocks
from slackbot.emulator.workspace import BOT_USER_ID, Channel, Message, User, View
from storage.db import make_engine, upgrade

CONSOLE_DB = Path("var/console.db")
ALIASES = {
    "staff": "sam.staff",
    "sam": "sam.staff",
    "pat": "pat.partner",
    "partner": "pat.partner",
    "acme": "pat.partner",
    "riley": "riley.rocket",
    "rocket": "riley.rocket",
    "casey": "casey.stranger",
    "stranger": "casey.stranger",
}
Shown = tuple[Button, Message | None, View | None]


class Console:
    """Reads console lines and prints what the emulated workspace shows the current user."""

    def __init__(self, harness: Harness, world: DemoWorld, out: TextIO, clock: ShiftedClock) -> None:
        self.harness, self.world, self.out, self.clock = harness, world, out, clock
        self.emu, self.ws = harness.emu, harness.slack.workspace
        self.user: User = world.pat
        self.where: Channel = world.acme_channel
        self.buttons: list[Shown] = []  # the last output's buttons, [1] first
        self.shown: list[Message] = []  # the last output's messages, (1) first
        self.start = len(self.ws.messages)  # what the demo data posted counts as read by everybody
        self.seen: dict[str, int] = {}  # user id -> how many workspace messages existed when their turn ended

    def handle(self, line: str) -> bool:
        """Run one line; False when the console should stop."""
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        try:
            return self._dispatch(line)
        except (EmulatorError, KeyError, StopIteration, ValueError) as error:
            self.say(f"! {error}")
        return True

    def _dispatch(self, line: str) -> bool:
        if line.startswith(":"):
            word, _, rest = line[1:].partition(" ")
            command = COMMANDS.get(word)
            if command is None:
                self.say(f"! unknown console command :{word} (try :help)")
                return True
            return command(self, rest.strip()) is not False
        self.write(line, self.where)
        return True

    # -- the message composer ---------------------------------------------------------------------
    def write(self, line: str, where: Channel, thread_ts: str | None = None) -> None:
        """Type a line in a channel's composer (or a thread's): a slash command, a mention or a plain message."""
        if line.startswith("/"):
            if thread_ts is not None:
                raise ValueError("slash commands cannot be sent in a thread")
            self.leave_modals()
            self.watch(lambda: self.emu.slash(line, as_user=self.user, channel=where))
            return
        if not where.is_im and self.user.id not in where.members:
            raise ValueError(f"@{self.user.name} is not in #{where.name} (:join {self.user.name} #{where.name})")
        self.leave_modals()
        if line.startswith("@"):
            text = line.partition(" ")[2]
            self.watch(lambda: self.emu.mention(text, as_user=self.user, channel=where, thread_ts=thread_ts))
        elif where.is_im and thread_ts is None:
            self.watch(lambda: self.emu.dm(line, as_user=self.user))
        else:
            self.watch(lambda: self.emu.post(line, as_user=self.user, channel=where, thread_ts=thread_ts))

    def leave_modals(self) -> None:
        """Close the user's open modals before they act elsewhere (Slack lets nothing else be used meanwhile)."""
        while (modal := self.emu.modal(self.user)) is not None:
            self.emu.close(as_user=self.user)
            self.say(f"(closed the modal “{self.title(modal)}” first: nothing else can be used while it is open)")

    # -- output -----------------------------------------------------------------------------------
    def watch(self, action: Callable[[], Any]) -> Any:
        """Run an action, then print the messages it posted or changed and any modal it opened, numbered."""
        before, views_before = len(self.ws.messages), {vid: v.data for vid, v in self.ws.views.items()}
        revisions = [m.revision for m in self.ws.messages]
        result = action()
        self.forget()
        for index, message in enumerate(self.ws.messages):
            changed = index >= before or message.revision != revisions[index]
            if changed and self.visible(message):
                self.show(message, updated=index < before)
        modal = self.emu.modal(self.user)
        if modal is not None and views_before.get(modal.id) is not modal.data:  # opened, or updated in place
            self.show_blocks(f"modal: {self.title(modal)}", modal.data.get("blocks", []), "", None, modal)
            submit = (modal.data.get("submit") or {}).get("text")
            if any(b.get("type") == "input" for b in modal.data.get("blocks", [])):
                self.say("  (fill it with :submit field=value | field=value; several options: a,b; :close cancels)")
            elif submit:
                self.say(f"  (:submit presses “{submit}”, :close cancels)")
        return result

    def forget(self) -> None:
        """A new output starts: the numbers of the previous one no longer mean anything."""
        self.buttons, self.shown = [], []

    def visible(self, message: Message, user: User | None = None) -> bool:
        """Whether `user` (default: the current one) sees this message."""
        viewer = user or self.user
        if message.ephemeral_to is not None:
            return message.ephemeral_to == viewer.id
        return viewer.id in self.ws.channels[message.channel].members

    def show(self, message: Message, *, updated: bool = False) -> None:
        """Print one message as `(n)`, with its buttons numbered after the output's earlier ones."""
        self.shown.append(message)
        author = self.ws.users.get(message.user)
        who = f"@{author.name} in " if author is not None and message.user != BOT_USER_ID else ""
        thread = " (thread)" if message.thread_ts and message.thread_ts != message.ts else ""
        note = " (only visible to you)" if message.ephemeral_to else " (updated)" if updated else ""
        heading = f"({len(self.shown)}) {who}{self.place(self.ws.channels[message.channel])}{thread}{note}"
        self.show_blocks(heading, message.blocks, message.text, message, None)

    def show_blocks(
        self, heading: str, blocks: list[dict[str, Any]], fallback: str, message: Message | None, view: View | None
    ) -> None:
        """Print a message or a view as readable text; its buttons join the output's numbered ones."""
        text, found = render_blocks(
            blocks,
            fallback,
            number_from=len(self.buttons) + 1,
            user_name=self.emu._user_name,
            channel_name=self.emu._channel_name,
        )
        self.buttons += [(b, message, view) for b in found]
        self.say(f"── {heading}\n" + "\n".join(f"   {line}" for line in text.splitlines()))

    @staticmethod
    def title(view: View) -> str:
        """A modal's title."""
        return str((view.data.get("title") or {}).get("text", "Modal"))

    @staticmethod
    def place(channel: Channel) -> str:
        """How the console names a channel."""
        return "your DM with @DevCenter" if channel.is_im else f"#{channel.name}"

    def say(self, text: str) -> None:
        """Print a line of the console's own."""
        print(text, file=self.out, flush=True)

    # -- people and places ------------------------------------------------------------------------
    def user_named(self, name: str) -> User:
        """A user by name or console alias (staff, pat, riley, casey)."""
        return self.ws.user_by_name(ALIASES.get(name.lstrip("@").lower(), name.lstrip("@")))

    def home_channel(self, user: User) -> Channel:
        """Where a user starts: their partner channel, the review channel for staff, else their DM."""
        mapping = {
            self.world.pat.id: self.world.acme_channel,
            self.world.riley.id: self.world.rocket_channel,
            self.world.staff.id: self.world.review_channel,
        }
        return mapping.get(user.id) or self.ws.im_with(user.id)


def run_console(
    stdin: TextIO,
    out: TextIO,
    *,
    keep: bool = False,
    interactive: bool = False,
    database: Path = CONSOLE_DB,
    real_clock: Callable[[], datetime] = system_clock,
) -> int:
    """Start the sandbox on a fresh SQLite database (unless `keep`), read lines until EOF; exit code 0."""
    clock = ShiftedClock(real_clock)
    harness = _harness(database, keep, clock)
    try:
        world = build_world(harness, seed=not keep or _empty(harness))
        console = Console(harness, world, out, clock)
        console.say("devcenter-bot console — the real bot against a local Slack emulator (demo data loaded).")
        console.say("You are @pat.partner (Acme Analytics, external) in #partner-acme-analytics. :help for help.")
        while True:
            if interactive:
                print(f"{console.user.name} {console.place(console.where)}> ", end="", file=out, flush=True)
            line = stdin.readline()
            if not line or not console.handle(line):
                break
    finally:
        harness.close()
    return 0


def _harness(database: Path, keep: bool, clock: ShiftedClock) -> Harness:
    if not keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{database}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return demo_harness(url, clock)


def _empty(harness: Harness) -> bool:
    with harness.bot.program.uow() as uow:
        return uow.partners.by_name("Acme Analytics") is None
