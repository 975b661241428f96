"""Map the words after /devcenter (or an @mention) to a reply; shared by commands, mentions and Home."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_sdk.models.blocks import Block

from slackbot.ids import Command
from slackbot.render import status as status_view

Reply = tuple[str, list[Block]]
MENTION = re.compile(r"<@[A-Z0-9]+>")


def parse(text: str) -> tuple[str, str]:
    """Split 'status acme-analytics' into ('status', 'acme-analytics'); mentions are dropped."""
    word, _, rest = MENTION.sub("", text or "").strip().partition(" ")
    return word.lower(), rest.strip()


def _status(services: Any, actor: Any, args: str) -> Reply:
    report = services.status(actor, args or None)
    return status_view.status_text(report), status_view.status_blocks(report)


def _help(services: Any, actor: Any, args: str) -> Reply:
    return "Developer Center bot commands", status_view.help_blocks()


ROUTES: dict[str, Callable[[Any, Any, str], Reply]] = {
    Command.STATUS: _status,
    Command.HELP: _help,
    "": _help,
}


def reply_for(services: Any, actor: Any, text: str) -> Reply:
    """The reply to a command line; unknown words get the help with a note."""
    word, args = parse(text)
    route = ROUTES.get(word)
    if route is None:
        return f"Unknown command {word}", status_view.help_blocks(unknown=word)
    return route(services, actor, args)
