"""Outbox messages: a kind and a JSON payload in, (fallback text, blocks) out at delivery time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk.models.blocks import Block

from slackbot.domain.messages import MessageKind
from slackbot.ids import SLASH_COMMAND
from slackbot.render import launch, notices, qa, releases
from slackbot.render.common import checked, context, escape, section

Rendered = tuple[str, list[Block]]


def welcome_channel(p: dict[str, Any]) -> Rendered:
    """The welcome posted in the partner's shared channel."""
    text = (
        f":wave: Welcome <@{p['user_id']}> to the {escape(p['partner_name'])} partner channel! "
        "This is where you and the Segment Developer Center team talk while you build your integration."
    )
    return text, checked(
        [
            section(text),
            section(
                f"• `{SLASH_COMMAND} status` — where your integrations stand\n"
                f"• `{SLASH_COMMAND} help` — everything I can do\n"
                "Slash commands not available here? Mention me (`@DevCenter status`) or open my App Home."
            ),
        ]
    )


def welcome_dm(p: dict[str, Any]) -> Rendered:
    """The welcome sent by direct message."""
    text = (
        f"Hi <@{p['user_id']}>, welcome to the Segment Developer Center partner program for "
        f"{escape(p['partner_name'])}!"
    )
    return text, checked(
        [
            section(text),
            section(
                "Your path: build and test locally → open a pull request on `segmentio/action-destinations` "
                "→ review (2–3 business days) → merged by Tuesday 5 pm Pacific ships that Wednesday → "
                "private beta → customer verification → public."
            ),
            context(f"Ask me anything in <#{p['channel_id']}> or here. `{SLASH_COMMAND} help` lists commands."),
        ]
    )


def staff_alert(p: dict[str, Any]) -> Rendered:
    """Told to staff when a notification could not be delivered."""
    text = f":rotating_light: A `{p['kind']}` notification (outbox #{p['outbox_id']}) could not be delivered."
    return text, checked([section(text), context(escape(str(p["error"]))[:500])])


RENDERERS: dict[MessageKind, Callable[[dict[str, Any]], Rendered]] = {
    MessageKind.WELCOME_CHANNEL: welcome_channel,
    MessageKind.WELCOME_DM: welcome_dm,
    MessageKind.STAFF_ALERT: staff_alert,
    **notices.RENDERERS,
    **qa.RENDERERS,
    **releases.RENDERERS,
    **launch.RENDERERS,
}


def render_message(kind: str, payload: dict[str, Any]) -> Rendered:
    """Render an outbox message by kind; KeyError for an unknown kind."""
    return RENDERERS[MessageKind(kind)](payload)
