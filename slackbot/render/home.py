"""The App Home tab."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock, PlainTextObject
from slack_sdk.models.views import View

from slackbot.domain.summaries import StatusReport
from slackbot.render.common import MAX_VIEW_BLOCKS, checked, context, section
from slackbot.render.status import help_text, status_blocks


def home_view(report: StatusReport | None = None, message: str | None = None) -> View:
    """Status (or a message) followed by the command list."""
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text="Segment Developer Center"))]
    if report is not None:
        blocks += status_blocks(report)[1:]
    if message:
        blocks.append(section(message))
    blocks += [DividerBlock(), section(f"*Commands*\n{help_text()}"),
               context("In a shared channel, mention me with the same words, e.g. `@DevCenter status`.")]
    return View(type="home", blocks=checked(blocks, MAX_VIEW_BLOCKS))
