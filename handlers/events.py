"""Events API listeners: member joins (welcome) and @mentions (commands for external users)."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext, Say
from slack_sdk import WebClient

from handlers.routing import is_question, reply_for
from slackbot.ids import EventType


def member_joined(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    """Queue the once-ever welcome for a partner's user joining its shared channel."""
    directory, user = context["directory"], event["user"]
    context["services"].member_joined(
        body["event_id"],
        user,
        event["channel"],
        is_staff=directory.is_staff(user),
        is_external=directory.is_external(user),
    )


def mention(event: dict[str, Any], body: dict[str, Any], say: Say, client: WebClient, context: BoltContext) -> None:
    """`@DevCenter status`: the same commands as /devcenter. Questions are answered in the thread for everyone;
    anything else only to the person who asked (a shared channel must not show one partner's data to another)."""
    services = context["services"]
    if not services.first_delivery(body["event_id"], EventType.APP_MENTION):
        return
    thread_ts, text = event.get("thread_ts") or event["ts"], event.get("text", "")
    reply = reply_for(services, context["actor"], text, channel=event.get("channel"), thread_ts=thread_ts, mention=True)
    if reply is not None and is_question(text):
        say(text=reply[0], blocks=reply[1], thread_ts=thread_ts)
    elif reply is not None:
        client.chat_postEphemeral(
            channel=event["channel"], user=event["user"], text=reply[0], blocks=reply[1], thread_ts=thread_ts
        )


EVENTS = {EventType.MEMBER_JOINED_CHANNEL: member_joined, EventType.APP_MENTION: mention}
