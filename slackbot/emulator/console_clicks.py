"""`:click` and `:reply`: act on what the last output showed, never on something the user did not just see."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from slackbot.emulator.text import Button
from slackbot.emulator.workspace import Message, View

if TYPE_CHECKING:
    from slackbot.emulator.console import Console

ELSEWHERE = re.compile(r"(?P<label>.+?)\s+in\s+(?P<place>#\S+|home)", re.IGNORECASE)


def cmd_click(console: Console, rest: str) -> None:
    """Press button [n] of the last output, its only button with that label, or (`… in #channel`) the newest there."""
    if not rest:
        raise ValueError("click what? :click <n|label> (outputs number their buttons [n])")
    if rest.isdigit():
        number = int(rest)
        if not 1 <= number <= len(console.buttons):
            raise ValueError(f"no button [{number}] in the last output")
        _press(console, *console.buttons[number - 1])
        return
    elsewhere = ELSEWHERE.fullmatch(rest)
    if elsewhere is not None:
        _press_newest(console, elsewhere["label"], elsewhere["place"])
        return
    _press(console, *_only(console, rest))


def cmd_click_anywhere(console: Console, rest: str) -> None:
    """`:click! <label>`: press the newest button with that label in the current channel, shown or not."""
    _press_newest(console, rest, None)


def _only(console: Console, label: str) -> tuple[Button, Message | None, View | None]:
    """The one button of the last output with this label (exact, else ignoring case)."""
    numbers = [n for n, (b, _, _) in enumerate(console.buttons, 1) if b.label == label] or [
        n for n, (b, _, _) in enumerate(console.buttons, 1) if b.label.casefold() == label.casefold()
    ]
    if len(numbers) == 1:
        return console.buttons[numbers[0] - 1]
    if numbers:
        listed = ", ".join(f"[{n}]" for n in numbers)
        raise ValueError(f"{len(numbers)} buttons called “{label}” in the last output: {listed}; :click <n> says which")
    listing = ", ".join(f"[{n}] {b.label}" for n, (b, _, _) in enumerate(console.buttons, 1)) or "none"
    raise ValueError(
        f"no “{label}” button in the last output (its buttons: {listing}); "
        f":click! {label} presses the newest one in {console.place(console.where)}, :messages shows them"
    )


def _press(console: Console, button: Button, message: Message | None, view: View | None) -> None:
    if view is not None and view.closed:
        raise ValueError(f"the modal “{console.title(view)}” is closed")
    if view is None or view.type != "modal":
        console.leave_modals()
    console.watch(lambda: console.emu.press(console.user, button, message=message, view=view))


def _press_newest(console: Console, label: str, place: str | None) -> None:
    if not label:
        raise ValueError("click what? :click! <label>")
    console.leave_modals()
    if place is not None and place.lower() == "home":
        console.watch(lambda: console.emu.click(label, as_user=console.user, in_home=True))
        return
    channel = console.emu.channel(place.lstrip("#")) if place else console.where
    console.watch(lambda: console.emu.click(label, as_user=console.user, in_channel=channel))


def cmd_reply(console: Console, rest: str) -> None:
    """Reply in the thread of message (n) of the last output, or of the newest message in the current channel."""
    first, _, text = rest.partition(" ")
    numbered = first.isdigit()
    if not (text if numbered else rest).strip():
        raise ValueError("reply what? :reply [n] <text>")
    if numbered:
        number = int(first)
        if not 1 <= number <= len(console.shown):
            raise ValueError(f"no message ({number}) in the last output")
        target = console.shown[number - 1]
    else:
        text, target = rest, _newest(console)
    if target.ephemeral_to is not None:
        raise ValueError("that message is only visible to you: Slack gives it no thread to reply in")
    where = console.ws.channels[target.channel]
    console.say(f"replying in the thread of “{_gist(console, target)}” in {console.place(where)}")
    console.write(text.strip(), where, thread_ts=target.thread_ts or target.ts)


def _newest(console: Console) -> Message:
    messages = [m for m in console.emu.messages(console.where, as_user=console.user) if m.ephemeral_to is None]
    if not messages:
        raise ValueError(f"no message in {console.place(console.where)} to reply to")
    return messages[-1]


def _gist(console: Console, message: Message, width: int = 60) -> str:
    text = console.emu.message_text(message).replace("*", "")
    line = next((s.strip() for s in text.splitlines() if s.strip()), "")
    return line if len(line) <= width else line[: width - 1] + "…"
