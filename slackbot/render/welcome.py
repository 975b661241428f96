"""The welcome a partner's user gets in the shared channel and by DM, once."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from slackbot.domain.messages.welcome import WelcomeByDm, WelcomeInChannel
from slackbot.ids import SLASH_COMMAND
from slackbot.render.common import Rendered, checked, context, section
from slackbot.render.mrkdwn import Md, channel_ref, md, mention


def welcome_channel(p: WelcomeInChannel) -> Rendered:
    """The welcome posted in the partner's shared channel."""
    text = md(
        ":wave: Welcome {who} to the {company} partner channel! This is where you and the Segment Developer Center "
        "team talk while you build your integration.",
        who=mention(p.user_id),
        company=p.partner_name,
    )
    commands = md(
        "• `{c} status` — where your integrations stand\n• `{c} help` — everything I can do\n"
        "Slash commands not available here? Mention me (`@DevCenter status`) or open my App Home.",
        c=SLASH_COMMAND,
    )
    blocks: list[Block] = [section(text), section(commands)]
    return text, checked(blocks)


def welcome_dm(p: WelcomeByDm) -> Rendered:
    """The welcome sent by direct message."""
    text = md(
        "Hi {who}, welcome to the Segment Developer Center partner program for {company}!",
        who=mention(p.user_id),
        company=p.partner_name,
    )
    path = Md(
        "Your path: build and test locally → open a pull request on `segmentio/action-destinations` → review "
        "(2–3 business days) → merged by Tuesday 5 pm Pacific ships that Wednesday → private beta → customer "
        "verification → public."
    )
    ask = md(
        "Ask me anything in {channel} or here. `{c} help` lists commands.",
        channel=channel_ref(p.channel_id),
        c=SLASH_COMMAND,
    )
    return text, checked([section(text), section(path), context(ask)])
