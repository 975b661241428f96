"""/devcenter slash command."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from handlers.routing import reply_for
from slackbot.ids import SLASH_COMMAND


def devcenter(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext, client: WebClient) -> None:
    """Ack at once, then open a modal or answer ephemerally through the response_url."""
    ack()
    trigger_id = command.get("trigger_id")
    reply = reply_for(context["services"], context["actor"], command.get("text", ""),
                      lambda view: client.views_open(trigger_id=trigger_id, view=view),
                      channel=command.get("channel_id"))
    if reply is not None:
        respond(text=reply[0], blocks=reply[1], response_type="ephemeral", replace_original=False)


COMMANDS = {SLASH_COMMAND: devcenter}
