"""Map the words after /devcenter (or an @mention) to a reply; shared by commands, mentions and Home."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement
from slack_sdk.models.views import View

from handlers import launch, qa
from slackbot.ids import ActionId, Command
from slackbot.render import modals, releases, staff
from slackbot.render import status as status_view
from slackbot.render.common import section

Reply = tuple[str, list[Block]]
MENTION = re.compile(r"<@[A-Z0-9]+>")


@dataclass(frozen=True)
class Invocation:
    """One command: who, what, and how to open a modal when Slack gave us a trigger_id."""

    services: Any
    actor: Any
    args: str
    open_modal: Callable[[View], None] | None = None
    channel: str | None = None  # where it was typed (ask: where a person's reply goes)
    thread_ts: str | None = None  # the mention's thread


def parse(text: str) -> tuple[str, str]:
    """Split 'status acme-analytics' into ('status', 'acme-analytics'); mentions are dropped."""
    word, _, rest = MENTION.sub("", text or "").strip().partition(" ")
    return word.lower(), rest.strip()


def _help(call: Invocation) -> Reply:
    return "Developer Center bot commands", status_view.help_blocks()


def _form(view: Callable[[], View], button: str, action_id: str) -> Callable[[Invocation], Reply | None]:
    """Open the modal directly when possible; otherwise (mentions) offer a button that opens it."""

    def route(call: Invocation) -> Reply | None:
        if call.open_modal is not None:
            call.open_modal(view())
            return None
        return button, [
            section(f"Press the button to {button.lower()}."),
            ActionsBlock(elements=[ButtonElement(text=button, action_id=action_id, style="primary")]),
        ]

    return route


def _join(call: Invocation) -> Reply | None:
    call.services.check_can_request_access(call.actor)
    return _form(modals.access_modal, "Request access", ActionId.OPEN_ACCESS_FORM)(call)


def _queue(call: Invocation) -> Reply:
    items = call.services.queue(call.actor)
    return f"{len(items)} items wait on Segment", staff.queue_blocks(
        items, call.services.clock(), call.services.timezone
    )


def _history(call: Invocation) -> Reply:
    if not call.args:
        return "Usage", [section("Usage: `/devcenter history <slug>`")]
    name, lines = call.services.history(call.actor, call.args)
    return f"History of {name}", staff.history_blocks(name, lines, call.services.timezone)


def _ask(call: Invocation) -> Reply:
    return qa.ask_reply(call.services, call.actor, call.args, call.channel, call.thread_ts)


def _deploys(call: Invocation) -> Reply:
    report = call.services.deploys(call.actor)
    return f"Next release {report.window.release}", releases.deploy_blocks(report, call.services.timezone)


def _announce(call: Invocation) -> Reply | None:
    if call.args.lower() == "status":
        progress = call.services.announcement_progress(call.actor)
        return f"Announcement #{progress.announcement_id}", releases.progress_blocks(progress)
    call.services.check_staff(call.actor)
    return _form(releases.compose_modal, "Write an announcement", ActionId.OPEN_ANNOUNCE_FORM)(call)


ROUTES: dict[str, Callable[[Invocation], Reply | None]] = {
    Command.STATUS: launch.status_route,
    Command.HELP: _help,
    "": _help,
    Command.JOIN: _join,
    Command.SUBMIT: _form(modals.submit_modal, "Submit for review", ActionId.OPEN_SUBMIT_FORM),
    Command.QUEUE: _queue,
    Command.HISTORY: _history,
    Command.ASK: _ask,
    Command.DEPLOYS: _deploys,
    Command.ANNOUNCE: _announce,
    Command.CHECKLIST: launch.checklist_route,
    Command.METADATA: launch.metadata_route,
    Command.VERIFY: launch.verify_route,
    Command.CARD: launch.card_route,
}


def is_question(text: str) -> bool:
    """An @mention that asks the knowledge base (its answer may be shown to the whole channel)."""
    word, _ = parse(text)
    return word == Command.ASK or word not in ROUTES


def reply_for(
    services: Any,
    actor: Any,
    text: str,
    open_modal: Callable[[View], None] | None = None,
    *,
    channel: str | None = None,
    thread_ts: str | None = None,
    mention: bool = False,
) -> Reply | None:
    """The reply to a command line (None when a modal was opened); unknown words get the help.

    After an @mention, an unknown first word means a question: "@DevCenter how do I test locally?".
    """
    word, args = parse(text)
    if mention and word not in ROUTES:
        word, args = Command.ASK, MENTION.sub("", text or "").strip()
    route = ROUTES.get(word)
    if route is None:
        return f"Unknown command {word}", status_view.help_blocks(unknown=word)
    return route(Invocation(services, actor, args, open_modal, channel, thread_ts))
