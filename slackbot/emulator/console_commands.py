"""The console's own `:commands`; each is `fn(console, rest_of_line)` (False from :quit stops the console)."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from slackbot.emulator.console_clicks import cmd_click, cmd_click_anywhere, cmd_reply
from slackbot.emulator.console_time import parse_moment
from slackbot.emulator.demo import STAFF_ID
from slackbot.emulator.github_console import github_command
from slackbot.emulator.mailbox import mailbox_lines

if TYPE_CHECKING:
    from slackbot.emulator.console import Console

AT_WORDS = re.compile(r"(?<!\S)at=(.+?)(?=\s+\w+=|$)")  # `at=` up to the next name=value option

HELP = """Console commands (any other line is typed in the current channel, as in Slack's composer):
  /devcenter …          run the slash command as the current user, in the current channel
  @DevCenter …          mention the bot in the current channel
  anything else         post it as a message here (in your DM with the bot: a direct message to it)
  :as <user>            act as another user (staff, pat, riley, casey); shows what is new for them
  :in <#channel|dm>     move to another channel (:channels lists them) or to your DM with the bot
  :reply [n] <text>     reply in the thread of message (n) of the last output (default: the newest one here)
  :click <n|label>      press button [n] of the last output, or its only button with that label
  :click <label> in <#channel|home>   press the newest button with that label there (:click! <label>: here)
  :submit f=v | f=v     submit the open modal (field = input block id shown in the modal)
  :close                close the open modal without submitting it
  :home                 open your App Home tab
  :time [when]          show or move the console's clock: 2026-12-02T08:00, next wednesday 08:00,
                        tuesday 16:59, tomorrow 09:00, +14d, +1h, release (08:00 of the release a merge
                        made now ships in: the release-day card), now (back to the real clock)
  :job <name>           run a scheduled job now: release_day, cutoff_reminder, review_sla, launch_gates,
                        github_sync
  :join <user> [#ch]    add a user to a channel (Slack sends member_joined_channel)
  :github <open|review|approve|merge|close|push> N [by= at= body=]   change pull request N on the fake
                        GitHub; the bot hears it by signed webhook (Acme's is 3141): :github review 3141
                        changes_requested body=Add tests, :github merge 3141 at=tuesday 16:59; `missed …` changes
                        GitHub without telling the bot, `:github sync` reconciles; ping, redeliver, deliveries
  :messages [#channel]  show a channel as the current user sees it
  :mail [n|last]        the emails the bot sent to partners (to the local mail server): a list, or one in full
  :users  :channels  :who  :help  :quit"""


def cmd_as(console: Console, rest: str) -> None:
    """Act as another user; print what reached them since their last turn."""
    console.seen[console.user.id] = len(console.ws.messages)
    console.user = console.user_named(rest)
    console.where = console.home_channel(console.user)
    console.forget()
    console.say(f"you are now @{console.user.name} in {console.place(console.where)}")
    since = console.seen.get(console.user.id, console.start)
    new = [m for m in console.ws.messages[since:] if console.visible(m)]
    if new:
        console.say(f"  {len(new)} new for you since your last turn:")
    for message in new:
        console.show(message)


def cmd_in(console: Console, rest: str) -> None:
    """Move to another channel (`dm`: your DM with the bot)."""
    name = rest.lstrip("#@").lower()
    dm = name in ("dm", "devcenter")
    console.where = console.ws.im_with(console.user.id) if dm else console.emu.channel(rest.lstrip("#"))
    console.forget()
    console.say(f"now in {console.place(console.where)}")


def cmd_submit(console: Console, rest: str) -> None:
    """Fill the open modal and press its submit button; print the bot's inline errors."""
    if console.emu.modal(console.user) is None:
        raise ValueError(f"no modal is open for @{console.user.name}, nothing to submit")
    values: dict[str, Any] = {}
    for pair in filter(None, (p.strip() for p in rest.split("|"))):
        key, _, value = pair.partition("=")
        values[key.strip()] = value.strip()
    reply = console.watch(lambda: console.emu.submit(values, as_user=console.user))
    answer = reply.response.json() if reply and reply.response.body.startswith("{") else {}
    for field, problem in (answer.get("errors") or {}).items():
        console.say(f"  ✗ {field}: {problem}")


def cmd_close(console: Console, _rest: str) -> None:
    """Close the open modal (its close button); a modal it was pushed over shows again."""
    modal = console.emu.modal(console.user)
    if modal is None:
        raise ValueError(f"no modal is open for @{console.user.name}")
    console.emu.close(as_user=console.user)
    console.forget()
    console.say(f"closed the modal “{console.title(modal)}”")
    underneath = console.emu.modal(console.user)
    if underneath is not None:
        console.say(f"  (“{console.title(underneath)}” is still open underneath; :close again to close it)")


def cmd_home(console: Console, _rest: str) -> None:
    """Open the App Home tab and print it, buttons numbered."""
    console.leave_modals()
    console.emu.open_home(console.user)
    view = console.ws.homes.get(console.user.id)
    console.forget()
    if view:
        console.show_blocks("App Home", view.data.get("blocks", []), "", None, view)


def cmd_join(console: Console, rest: str) -> None:
    """Add a user to a channel (member_joined_channel)."""
    parts = shlex.split(rest)
    user = console.user_named(parts[0])
    channel = console.emu.channel(parts[1].lstrip("#")) if len(parts) > 1 else console.home_channel(user)
    console.watch(lambda: console.emu.join(user, channel))


def cmd_messages(console: Console, rest: str) -> None:
    """Print a channel as the current user sees it, messages and buttons numbered."""
    channel = console.emu.channel(rest.lstrip("#")) if rest else console.where
    console.forget()
    messages = console.emu.messages(channel, as_user=console.user)
    if not messages:
        console.say(f"  (no messages in {console.place(channel)})")
    for message in messages:
        console.show(message)


def cmd_time(console: Console, rest: str) -> None:
    """Show the console's clock, or move it (ISO 8601, relative words, `release`, `now`)."""
    zone = ZoneInfo(console.harness.settings.timezone)
    before = console.clock()
    if rest.lower() == "now":
        console.clock.offset = timedelta()
    elif rest:
        moment = console.harness.release_morning() if rest.lower() == "release" else parse_moment(rest, before, zone)
        console.clock.set(moment)
    local = console.clock().astimezone(zone)
    console.say(f"it is {local:%a %Y-%m-%d %H:%M %Z}")
    if console.clock() < before - timedelta(minutes=1):
        console.say("  (that is earlier than the console's clock was: what already happened keeps its times)")


def cmd_job(console: Console, rest: str) -> None:
    """Run a scheduled job now, at the console's clock."""
    from slackbot.jobs.tasks import BY_ID

    if rest not in BY_ID:
        raise ValueError(f"jobs: {', '.join(BY_ID)}")
    console.watch(lambda: console.say(f"job {rest}: {console.harness.run_job(rest)}"))


def cmd_github(console: Console, rest: str) -> None:
    """Change a pull request on the fake GitHub (the bot hears it by webhook), or reconcile with `sync`."""
    github = console.harness.github
    if github is None:
        raise ValueError("this console has no fake GitHub")
    if rest.strip() == "sync":
        console.watch(lambda: console.say(f"github sync: {console.harness.run_job('github_sync')}"))
        return
    zone = ZoneInfo(console.harness.settings.timezone)
    line = _github_times(rest, console.clock(), zone)
    console.watch(lambda: console.say(f"github: {github_command(github, line, zone)}"))


def _github_times(line: str, now: datetime, zone: ZoneInfo) -> str:
    """`at=` takes the words `:time` does (tuesday 16:59, +1h): turned into an ISO moment for the fake GitHub."""
    found = AT_WORDS.search(line)
    if found is None:
        return line
    moment = parse_moment(found.group(1), now, zone).isoformat()
    return f"{line[: found.start(1)]}{moment}{line[found.end(1) :]}"


def cmd_mail(console: Console, rest: str) -> None:
    """List the emails the bot sent (to the sandbox's local mail server), or show one in full."""
    console.harness.settle()
    for line in mailbox_lines(console.harness.mail, rest.strip().lower()):
        console.say(line)


def cmd_users(console: Console, _rest: str) -> None:
    """List the workspace's users."""
    for user in console.ws.users.values():
        marks = (("external", user.is_external), ("staff", user.id == STAFF_ID), ("bot", user.is_bot))
        console.say(f"  @{user.name} ({user.id}) {' '.join(tag for tag, on in marks if on)}")


def cmd_channels(console: Console, _rest: str) -> None:
    """List the workspace's channels."""
    for channel in console.ws.channels.values():
        if not channel.is_im:
            console.say(f"  #{channel.name} ({channel.id}){' shared' if channel.is_ext_shared else ''}")


def cmd_who(console: Console, _rest: str) -> None:
    """Say who and where the console is."""
    console.say(f"you are @{console.user.name} in {console.place(console.where)}")


def cmd_help(console: Console, _rest: str) -> None:
    """Print the console's commands."""
    console.say(HELP)


def cmd_quit(_console: Console, _rest: str) -> bool:
    """Stop the console."""
    return False


COMMANDS: dict[str, Callable[[Console, str], Any]] = {
    "as": cmd_as, "in": cmd_in, "reply": cmd_reply, "click": cmd_click, "click!": cmd_click_anywhere,
    "submit": cmd_submit, "close": cmd_close, "home": cmd_home, "join": cmd_join, "messages": cmd_messages,
    "time": cmd_time, "job": cmd_job, "github": cmd_github, "mail": cmd_mail, "users": cmd_users,
    "channels": cmd_channels, "who": cmd_who, "help": cmd_help, "quit": cmd_quit,
}  # fmt: skip
