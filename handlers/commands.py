"""The three ways to type a command: /devcenter, an @mention, a direct message to the bot."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Say
from slack_sdk import WebClient
from slack_sdk.models.views import View

from handlers import qa
from handlers.routing import Invocation, Reply, Router
from slackbot.domain.actors import Actor
from slackbot.domain.errors import DomainError
from slackbot.ids import SLASH_COMMAND, Command, EventType
from slackbot.program import Program
from slackbot.render.commands import error_blocks, help_blocks
from slackbot.render.mrkdwn import Md, md
from slackbot.services.events import first_delivery


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


def mention(
    event: dict[str, Any], body: dict[str, Any], say: Say, client: WebClient, program: Program, actor: Actor,
    router: Router,
) -> None:  # fmt: skip
    """`@DevCenter status`: the same commands as /devcenter. Questions are answered in the thread for everyone;
    anything else only to the person who asked (a shared channel must not show one partner's data to another)."""
    if not first_delivery(program, body["event_id"], EventType.APP_MENTION):
        return
    thread_ts, text = event.get("thread_ts") or event["ts"], event.get("text", "")
    call = Invocation(program, actor, "", channel=event.get("channel"), thread_ts=thread_ts)
    reply = _reply_or_refusal(router, call, text)
    if reply is not None and router.is_question(text):
        say(text=reply[0], blocks=reply[1], thread_ts=thread_ts)
    elif reply is not None:
        client.chat_postEphemeral(
            channel=event["channel"], user=event["user"], text=reply[0], blocks=reply[1], thread_ts=thread_ts
        )


def message(
    event: dict[str, Any], body: dict[str, Any], say: Say, program: Program, actor: Actor, router: Router
) -> None:
    """A DM to the bot (a command or a question), or a threaded staff reply in the review channel."""
    if event.get("channel_type") != "im":
        qa.review_thread_reply(event, body, program, actor)
        return
    if event.get("bot_id") or event.get("subtype") or not event.get("user"):
        return
    if not first_delivery(program, body["event_id"], "message.im"):
        return
    call = Invocation(program, actor, "", channel=event["channel"])
    reply = _reply_or_refusal(router, call, event.get("text", ""))
    if reply is not None:
        say(text=reply[0], blocks=reply[1])


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
