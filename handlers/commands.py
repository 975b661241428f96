"""/devcenter slash command."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from handlers.routing import reply_for
from slackbot.ids import SLASH_COMMAND


def devcenter(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Ack at once, then answer ephemerally through the response_url."""
    ack()
    text, blocks = reply_for(context["services"], context["actor"], command.get("text", ""))
    respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)


COMMANDS = {SLASH_COMMAND: devcenter}
