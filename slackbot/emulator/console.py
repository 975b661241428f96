"""The console sandbox: type as a partner or as staff; the real bot answers through the emulator."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from slackbot.app import system_clock
from slackbot.emulator.demo import ANNOUNCE_CHANNEL_ID, REVIEW_CHANNEL_ID, STAFF_ID, DemoWorld, build_world
from slackbot.emulator.dsl import EmulatorError
from slackbot.emulator.harness import Harness, ShiftedClock
from slackbot.emulator.text import Button, render_blocks
from slackbot.emulator.workspace import Channel, Message, User, View
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
HELP = """Console commands:
  /devcenter …          run the slash command as the current user, in the current channel
  @DevCenter …          mention the bot in the current channel
  :as <user>            act as another user (staff, pat, riley, casey)
  :in <#channel>        move to another channel (:channels lists them)
  :click <n|label>      press button [n] of the last output, or the newest button with that label here
  :submit f=v | f=v     submit the open modal (field = input block id shown in the modal)
  :home                 open your App Home tab
  :time [ISO8601]       show or set the console's clock (e.g. :time 2026-12-02T08:00)
  :job <name>           run a scheduled job now: release_day, cutoff_reminder, review_sla, launch_gates
  :join <user> [#ch]    add a user to a channel (Slack sends member_joined_channel)
  :messages [#channel]  show a channel as the current user sees it
  :users  :channels  :who  :help  :quit"""


class Console:
    """Reads console lines and prints what the emulated workspace shows the current user."""

    def __init__(self, harness: Harness, world: DemoWorld, out: TextIO) -> None:
        self.harness, self.world, self.out = harness, world, out
        self.emu, self.ws = harness.emu, harness.slack.workspace
        self.user: User = world.pat
        self.where: Channel = world.acme_channel
        self.buttons: list[tuple[Button, Message | None, View | None]] = []

    def handle(self, line: str) -> bool:
        """Run one line; False when the console should stop."""
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        try:
            return self._dispatch(line)
        except (EmulatorError, KeyError, StopIteration, ValueError) as error:
            self._say(f"! {error}")
        return True

    def _dispatch(self, line: str) -> bool:
        if line.startswith("/"):
            self._watch(lambda: self.emu.slash(line, as_user=self.user, channel=self.where))
        elif line.startswith("@"):
            self._watch(lambda: self.emu.mention(line.partition(" ")[2], as_user=self.user, channel=self.where))
        elif line.startswith(":"):
            word, _, rest = line[1:].partition(" ")
            command = COMMANDS.get(word)
            if command is None:
                self._say(f"! unknown console command :{word} (try :help)")
            else:
                return command(self, rest.strip()) is not False
        else:
            self._say("! type a /devcenter command, @DevCenter …, or :help")
        return True

    # -- console commands -------------------------------------------------------------------------
    def cmd_as(self, rest: str) -> None:
        self.user = self._user(rest)
        self.where = self._home_channel(self.user)
        self._say(f"you are now @{self.user.name} in {self._place(self.where)}")

    def cmd_in(self, rest: str) -> None:
        self.where = self.emu.channel(rest.lstrip("#"))
        self._say(f"now in #{self.where.name}")

    def cmd_click(self, rest: str) -> None:
        if not rest.isdigit():  # a label: the newest such button in the current channel
            self._watch(lambda: self.emu.click(rest, as_user=self.user, in_channel=self.where))
            return
        number = int(rest)
        if not 1 <= number <= len(self.buttons):
            raise ValueError(f"no button [{number}] in the last output")
        button, message, view = self.buttons[number - 1]
        self._watch(lambda: self.emu.press(self.user, button, message=message, view=view))

    def cmd_submit(self, rest: str) -> None:
        values: dict[str, Any] = {}
        for pair in filter(None, (p.strip() for p in rest.split("|"))):
            key, _, value = pair.partition("=")
            values[key.strip()] = value.strip()
        reply = self._watch(lambda: self.emu.submit(values, as_user=self.user))
        answer = reply.response.json() if reply and reply.response.body.startswith("{") else {}
        for field, problem in (answer.get("errors") or {}).items():
            self._say(f"  ✗ {field}: {problem}")

    def cmd_home(self, _rest: str) -> None:
        self.emu.open_home(self.user)
        view = self.ws.homes.get(self.user.id)
        self.buttons = []
        if view:
            self._print_blocks("App Home", view.data.get("blocks", []), "", None, view)

    def cmd_join(self, rest: str) -> None:
        parts = shlex.split(rest)
        user = self._user(parts[0])
        channel = self.emu.channel(parts[1].lstrip("#")) if len(parts) > 1 else self._home_channel(user)
        self._watch(lambda: self.emu.join(user, channel))

    def cmd_messages(self, rest: str) -> None:
        channel = self.emu.channel(rest.lstrip("#")) if rest else self.where
        self.buttons = []
        for message in self.emu.messages(channel, as_user=self.user):
            self._print_message(message)

    def cmd_time(self, rest: str) -> None:
        clock = self.harness.clock
        if rest and isinstance(clock, ShiftedClock):
            moment = datetime.fromisoformat(rest)
            clock.set(moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(self.harness.settings.timezone)))
        local = clock().astimezone(ZoneInfo(self.harness.settings.timezone))
        self._say(f"it is {local:%a %Y-%m-%d %H:%M %Z}")

    def cmd_job(self, rest: str) -> None:
        from slackbot.jobs.tasks import BY_ID

        if rest not in BY_ID:
            raise ValueError(f"jobs: {', '.join(BY_ID)}")
        self._watch(lambda: self._say(f"job {rest}: {self.harness.run_job(rest)}"))

    def cmd_users(self, _rest: str) -> None:
        for user in self.ws.users.values():
            tags = [
                t
                for t, on in (("external", user.is_external), ("staff", user.id == STAFF_ID), ("bot", user.is_bot))
                if on
            ]
            self._say(f"  @{user.name} ({user.id}) {' '.join(tags)}")

    def cmd_channels(self, _rest: str) -> None:
        for channel in self.ws.channels.values():
            if not channel.is_im:
                self._say(f"  #{channel.name} ({channel.id}){' shared' if channel.is_ext_shared else ''}")

    def cmd_who(self, _rest: str) -> None:
        self._say(f"you are @{self.user.name} in {self._place(self.where)}")

    def cmd_help(self, _rest: str) -> None:
        self._say(HELP)

    def cmd_quit(self, _rest: str) -> bool:
        return False

    # -- output -----------------------------------------------------------------------------------
    def _watch(self, action: Callable[[], Any]) -> Any:
        before, views_before = len(self.ws.messages), {vid: v.data for vid, v in self.ws.views.items()}
        revisions = [m.revision for m in self.ws.messages]
        result = action()
        self.buttons = []
        for index, message in enumerate(self.ws.messages):
            changed = index >= before or message.revision != revisions[index]
            if changed and self._visible(message):
                self._print_message(message, updated=index < before)
        modal = self.emu.modal(self.user)
        if modal is not None and views_before.get(modal.id) is not modal.data:  # opened, or updated in place
            title = (modal.data.get("title") or {}).get("text", "Modal")
            self._print_blocks(f"modal: {title}", modal.data.get("blocks", []), "", None, modal)
            submit = (modal.data.get("submit") or {}).get("text")
            if any(b.get("type") == "input" for b in modal.data.get("blocks", [])):
                self._say("  (fill it with :submit field=value | field=value; several options: a,b)")
            elif submit:
                self._say(f"  (:submit presses “{submit}”)")
        return result

    def _visible(self, message: Message) -> bool:
        channel = self.ws.channels[message.channel]
        if message.ephemeral_to is not None:
            return message.ephemeral_to == self.user.id
        return self.user.id in channel.members

    def _print_message(self, message: Message, *, updated: bool = False) -> None:
        channel = self.ws.channels[message.channel]
        place = self._place(channel)
        note = " (only visible to you)" if message.ephemeral_to else " (updated)" if updated else ""
        thread = " (thread)" if message.thread_ts else ""
        self._print_blocks(f"{place}{thread}{note}", message.blocks, message.text, message, None)

    def _print_blocks(
        self, title: str, blocks: list[dict[str, Any]], fallback: str, message: Message | None, view: View | None
    ) -> None:
        text, found = render_blocks(
            blocks,
            fallback,
            number_from=len(self.buttons) + 1,
            user_name=self.emu._user_name,
            channel_name=self.emu._channel_name,
        )
        self.buttons += [(b, message, view) for b in found]
        self._say(f"── {title}\n" + "\n".join(f"   {line}" for line in text.splitlines()))

    @staticmethod
    def _place(channel: Channel) -> str:
        return "your DM with @DevCenter" if channel.is_im else f"#{channel.name}"

    def _say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def _user(self, name: str) -> User:
        return self.ws.user_by_name(ALIASES.get(name.lstrip("@").lower(), name.lstrip("@")))

    def _home_channel(self, user: User) -> Channel:
        mapping = {
            self.world.pat.id: self.world.acme_channel,
            self.world.riley.id: self.world.rocket_channel,
            self.world.staff.id: self.world.review_channel,
        }
        return mapping.get(user.id) or self.ws.im_with(user.id)


COMMANDS: dict[str, Callable[[Console, str], Any]] = {
    name.removeprefix("cmd_"): getattr(Console, name) for name in dir(Console) if name.startswith("cmd_")
}


def run_console(
    stdin: TextIO, out: TextIO, *, keep: bool = False, interactive: bool = False, database: Path = CONSOLE_DB
) -> int:
    """Start the sandbox on a fresh SQLite database (unless `keep`), read lines until EOF; exit code 0."""
    if not keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{database}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    harness = Harness(
        url,
        clock=ShiftedClock(system_clock),
        staff_users=frozenset({STAFF_ID}),
        review_channel=REVIEW_CHANNEL_ID,
        announce_channel=ANNOUNCE_CHANNEL_ID,
    )
    try:
        world = build_world(harness, seed=not keep or _empty(harness))
        console = Console(harness, world, out)
        console._say("devcenter-bot console — the real bot against a local Slack emulator (demo data loaded).")
        console._say("You are @pat.partner (Acme Analytics, external) in #partner-acme-analytics. :help for help.")
        while True:
            if interactive:
                print(f"{console.user.name} {console._place(console.where)}> ", end="", file=out, flush=True)
            line = stdin.readline()
            if not line or not console.handle(line):
                break
    finally:
        harness.close()
    return 0


def _empty(harness: Harness) -> bool:
    with harness.bot.program.uow() as uow:
        return uow.partners.by_name("Acme Analytics") is None
