"""The welcome a partner's user gets in the shared channel and by DM, once."""

from __future__ import annotations

from typing import Any

from slackbot.ids import SLASH_COMMAND
from slackbot.render.common import Rendered, checked, context, escape, section


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
