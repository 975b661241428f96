"""Map the words after /devcenter (or an @mention, or a DM) to a reply: the routes every feature declares."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from slack_sdk.models.blocks import ActionsBlock, ButtonElement
from slack_sdk.models.views import View

from slackbot.domain.actors import Actor
from slackbot.ids import Command
from slackbot.program import Program
from slackbot.render.commands import did_you_mean, help_blocks
from slackbot.render.common import Rendered, section
from slackbot.render.mrkdwn import Md, md
from slackbot.services.qa import ASKABLE, line_intent

Reply = Rendered
MENTION = re.compile(r"<@[A-Z0-9]+>")


@dataclass(frozen=True)
class Invocation:
    """One command: who, what, and how to open a modal when Slack gave us a trigger_id."""

    program: Program
    actor: Actor
    args: str
    open_modal: Callable[[View], None] | None = None
    channel: str | None = None  # where it was typed (ask: where a person's reply goes)
    thread_ts: str | None = None  # the mention's thread


Route = Callable[[Invocation], Reply | None]


def parse(text: str) -> tuple[str, str]:
    """Split 'status acme-analytics' into ('status', 'acme-analytics'); mentions are dropped."""
    word, _, rest = MENTION.sub("", text or "").strip().partition(" ")
    return word.lower(), rest.strip()


def form_route(view: Callable[[], View], button: str, action_id: str) -> Route:
    """Open the modal directly when possible; otherwise (mentions) offer a button that opens it."""

    def route(call: Invocation) -> Reply | None:
        if call.open_modal is not None:
            call.open_modal(view())
            return None
        press = ActionsBlock(elements=[ButtonElement(text=button, action_id=action_id, style="primary")])
        return Md(button), [section(md("Press the button to {what}.", what=button.lower())), press]

    return route


def _line(text: str) -> str:
    return MENTION.sub("", text or "").strip()


class Router:
    """The routes of every feature by command word; a mistyped one gets "did you mean", a question goes to Q&A."""

    def __init__(self, routes: Mapping[str, Route]) -> None:
        self.routes = dict(routes)
        self.commands = tuple(word for word in self.routes if word)

    def is_question(self, text: str) -> bool:
        """An @mention that asks the knowledge base (its answer may be shown to the whole channel); commands and
        mistyped ones are answered privately."""
        word, _ = parse(text)
        if word == Command.ASK:
            return True
        return word not in self.routes and line_intent(_line(text), self.commands).suggestion is None

    def reply(self, call: Invocation, text: str, *, mention: bool = False) -> Reply | None:
        """The reply to a command line (None when a modal was opened).

        A first word that is no command: a typo of one ("stauts") gets "did you mean `status`?"; a line that reads
        as a question, small talk or another language goes to Q&A ("/devcenter how do I test locally?"), and after
        an @mention (or in a DM) anything else does too.
        """
        word, args = parse(text)
        if word not in self.routes:
            line = _line(text)
            intent = line_intent(line, self.commands)
            if intent.suggestion is not None:
                return did_you_mean(intent.suggestion)
            if mention or intent.kind in ASKABLE:
                word, args = Command.ASK, line
        route = self.routes.get(word)
        if route is None:
            return md("Unknown command {word}", word=word), help_blocks(unknown=word)
        return route(Invocation(call.program, call.actor, args, call.open_modal, call.channel, call.thread_ts))
