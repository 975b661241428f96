"""/devcenter slash command."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View

from handlers.routing import reply_for
from slackbot.ids import SLASH_COMMAND


def devcenter(ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """Quick reads answer inside the ack itself (ephemeral); forms ack first, then open their modal."""
    modals: list[View] = []
    reply = reply_for(
        context["services"], context["actor"], command.get("text", ""), modals.append, channel=command.get("channel_id")
    )
    if reply is None:
        ack()
        for view in modals:
            client.views_open(trigger_id=command["trigger_id"], view=view)
        return
    ack(text=reply[0], blocks=reply[1], response_type="ephemeral")


COMMANDS = {SLASH_COMMAND: devcenter}
