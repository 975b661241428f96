"""The three ways to type a command: /devcenter, an @mention, a direct message to the bot."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.models.views import View

from handlers import qa
from handlers.routing import Invocation, Reply, Router
from slackbot.domain.actors import Actor
from slackbot.domain.errors import DomainError
from slackbot.ids import SLASH_COMMAND, Command, EventType
from slackbot.program import Program
from slackbot.render.commands import error_blocks, help_blocks
from slackbot.render.events import as_event_reply
from slackbot.render.mrkdwn import Md, md
from slackbot.services.events import answer_once, handled
from slackbot.wire import decode_event


def devcenter(
    ack: Ack, command: dict[str, Any], client: WebClient, program: Program, actor: Actor, router: Router
) -> None:
    """Quick reads answer inside the ack itself (ephemeral); forms ack first, then open their modal."""
    modals: list[View] = []
    call = Invocation(program, actor, "", modals.append, channel=command.get("channel_id"))
    reply = router.reply(call, command.get("text", ""))
    if reply is None:
        ack()
        for view in modals:
            client.views_open(trigger_id=command["trigger_id"], view=view)
        return
    ack(text=reply[0], blocks=reply[1], response_type="ephemeral")


def mention(event: dict[str, Any], body: dict[str, Any], program: Program, actor: Actor, router: Router) -> None:
    """`@DevCenter status`: the same commands as /devcenter. Questions are answered in the thread for everyone;
    anything else only to the person who asked (a shared channel must not show one partner's data to another)."""
    event_id, channel, text = decode_event(body, event)
    if handled(program, event_id):
        return
    thread_ts = event.get("thread_ts") or event.get("ts")
    call = Invocation(program, actor, "", channel=channel, thread_ts=thread_ts)
    reply = _reply_or_refusal(router, call, text)
    private_to = None if router.is_question(text) else actor.user_id
    answer = as_event_reply(reply, private_to=private_to) if reply is not None else None
    answer_once(program, event_id, EventType.APP_MENTION, answer, channel=channel, thread_ts=thread_ts)


def message(event: dict[str, Any], body: dict[str, Any], program: Program, actor: Actor, router: Router) -> None:
    """A DM to the bot (a command or a question), or a threaded staff reply in the review channel."""
    if event.get("channel_type") != "im":
        qa.review_thread_reply(event, body, program, actor)
        return
    if event.get("bot_id") or event.get("subtype") or not event.get("user"):
        return
    event_id, channel, text = decode_event(body, event)
    if handled(program, event_id):
        return
    reply = _reply_or_refusal(router, Invocation(program, actor, "", channel=channel), text)
    answer = as_event_reply(reply) if reply is not None else None
    answer_once(program, event_id, "message.im", answer, channel=channel)


def _reply_or_refusal(router: Router, call: Invocation, text: str) -> Reply | None:
    """The reply to a mention or a DM; a refusal is a reply too (events have no response_url to answer on)."""
    try:
        return router.reply(call, text, mention=True)
    except DomainError as error:
        return md("{message}", message=error.user_message), error_blocks(error.user_message)


def help_route(call: Invocation) -> Reply:
    """`help` (and an empty command line): the command list."""
    return Md("Developer Center bot commands"), help_blocks()


COMMANDS = {SLASH_COMMAND: devcenter}
EVENTS = {EventType.APP_MENTION: mention, EventType.MESSAGE: message}
ROUTES = {Command.HELP: help_route, "": help_route}
