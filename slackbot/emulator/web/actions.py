"""What a person does on the page, done through the emulator exactly as Slack would send it to the bot."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.emulator.dsl import EmulatorError
from slackbot.emulator.github_console import github_command
from slackbot.emulator.text import Button, buttons
from slackbot.emulator.web import adapter
from slackbot.emulator.web.forms import form_values
from slackbot.emulator.web.sandbox import Draft, Sandbox
from slackbot.emulator.workspace import BOT_USER_ID, Channel, Message, User, View

MENTION = re.compile(r"^\s*(?:@devcenter\b|<@" + BOT_USER_ID + r">)\s*", re.I)


def compose(sandbox: Sandbox, user: User, channel: Channel, text: str, thread_ts: str | None = None) -> None:
    """The composer: a slash command, an @DevCenter mention, or a plain message (in a thread with thread_ts)."""
    text = text.strip()
    if not text:
        raise ValueError("type a message, a /devcenter command or an @DevCenter mention")
    emu = sandbox.harness.emu
    with sandbox.lock:
        if text.startswith("/"):  # the manifest's should_escape: false, so command text arrives as typed
            emu.slash(text, as_user=user, channel=channel)
            return
        words = slack_escape(MENTION.sub("", text))
        if channel.is_im and not thread_ts:
            emu.dm(words or slack_escape(text), as_user=user)
        elif MENTION.match(text):
            emu.mention(words, as_user=user, channel=channel, thread_ts=thread_ts)
        else:
            emu.post(slack_escape(text), as_user=user, channel=channel, thread_ts=thread_ts)


def slack_escape(text: str) -> str:
    """What Slack's client does to a typed message: &, < and > arrive escaped (they are not markup)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def press(sandbox: Sandbox, user: User, ref: str, index: int, action_id: str) -> None:
    """Press the `index`-th button of a message ('m:<channel>:<ts>') or view ('v:<view id>') this user sees."""
    with sandbox.lock:
        message, view = _holder(sandbox, user, ref)
        found = buttons(message.blocks if message else view.data.get("blocks", []) if view else [])
        if not 0 <= index < len(found) or found[index].action_id != action_id:
            raise EmulatorError("That button is not there any more: the message changed since the page showed it.")
        button: Button = found[index]
        sandbox.harness.emu.press(user, button, message=message, view=view)


def _holder(sandbox: Sandbox, user: User, ref: str) -> tuple[Message | None, View | None]:
    kind, _, rest = ref.partition(":")
    if kind == "m":
        channel_id, _, ts = rest.partition(":")
        messages = sandbox.ws.visible_messages(channel_id, user.id)
        message = next((m for m in messages if m.ts == ts), None)
        if message is None or user.id not in sandbox.ws.channels[channel_id].members:
            raise EmulatorError("That message is not visible to you.")
        return message, None
    view = sandbox.ws.views.get(rest) or next((v for v in sandbox.ws.homes.values() if v.id == rest), None)
    if kind != "v" or view is None or view.user != user.id or view.closed:
        raise EmulatorError("That view is not open for you.")
    return None, view


def submit(sandbox: Sandbox, user: User, view_id: str, form: dict[str, list[str]]) -> bool:
    """Submit the user's open modal with what the form holds; False when the bot answered with inline errors."""
    with sandbox.lock:
        emu = sandbox.harness.emu
        view = emu.modal(user)
        if view is None or view.id != view_id:
            raise EmulatorError("That form is no longer open.")
        values = form_values(view, form)
        reply = emu.submit(values, as_user=user)
        answer: dict[str, Any] = reply.response.json() if reply.response.body.startswith("{") else {}
        drafts = sandbox.session.drafts
        if answer.get("response_action") == "errors":
            drafts[view.id] = Draft(values, {str(k): str(v) for k, v in (answer.get("errors") or {}).items()})
            return False
        drafts.pop(view.id, None)
        if reply.status >= 400:
            raise EmulatorError(f"The app answered HTTP {reply.status}; the modal stays open.")
        return True


def close_modal(sandbox: Sandbox, user: User) -> None:
    """Close the user's open modal (the × or Cancel button)."""
    with sandbox.lock:
        view = sandbox.harness.emu.modal(user)
        sandbox.harness.emu.close(as_user=user)
        if view is not None:
            sandbox.session.drafts.pop(view.id, None)


def open_home(sandbox: Sandbox, user: User) -> None:
    """Open the App Home tab: Slack sends app_home_opened and the bot publishes the view."""
    with sandbox.lock:
        sandbox.harness.emu.open_home(user)


def set_clock(sandbox: Sandbox, moment: str) -> datetime:
    """Set the emulator's clock; a time without an offset is read in the program's timezone."""
    parsed = datetime.fromisoformat(moment)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(sandbox.timezone))
    with sandbox.lock:
        sandbox.session.clock.set(parsed)
    return parsed


def shift_clock(sandbox: Sandbox, days: float = 0, hours: float = 0) -> datetime:
    """Move the clock forward (or back) by some days and hours."""
    with sandbox.lock:
        moment = sandbox.now() + timedelta(days=days, hours=hours)
        sandbox.session.clock.set(moment)
    return moment


def to_release_morning(sandbox: Sandbox) -> datetime:
    """Jump to 08:00 of the next release day (when the release-day card is due)."""
    with sandbox.lock:
        moment = sandbox.harness.release_morning()
        sandbox.session.clock.set(moment)
    return moment


def run_job(sandbox: Sandbox, job_id: str) -> object:
    """Run one scheduled job now; what it posts is delivered before this returns."""
    with sandbox.lock:
        return adapter.run_job(sandbox.harness, job_id)


GITHUB_CHANGES = {  # the panel's choices -> the `:github` words
    "changes_requested": "review {n} changes_requested",
    "approved": "review {n} approved",
    "commented": "review {n} commented",
    "merge": "merge {n}",
    "close": "close {n}",
    "push": "push {n}",
    "open": "open {n}",
}


def github_change(sandbox: Sandbox, form: dict[str, str]) -> str:
    """The GitHub panel: change a pull request on the fake GitHub; the bot hears it by signed webhook (or not)."""
    github = sandbox.harness.github
    if github is None:
        raise ValueError("this sandbox has no fake GitHub")
    number = form.get("number", "").strip()
    template = GITHUB_CHANGES.get(form.get("change", ""))
    if template is None or not number.isdigit():
        raise ValueError("choose a change and a pull request number")
    words = ["missed"] if form.get("missed") else []
    words.append(template.format(n=int(number)))
    for name in ("at", "by"):
        if value := form.get(name, "").strip():
            if " " in value:
                raise ValueError(f"{name}: one word, without spaces")
            words.append(f"{name}={value}")
    if body := form.get("body", "").strip():
        words.append(f"body={body}")  # last: body= takes the rest of the line
    with sandbox.lock:
        return github_command(github, " ".join(words), ZoneInfo(sandbox.timezone))
