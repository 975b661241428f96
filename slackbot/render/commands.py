"""The command list (/devcenter help) and friendly errors."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from slackbot.ids import SLASH_COMMAND
from slackbot.render.common import checked, context, escape, section

HELP_LINES = (
    ("status", "where your integrations stand and what happens next (staff: `status <slug>`)"),
    ("ask <question>", "a cited answer to a build question (or just mention me with it)"),
    ("join", "request access to the Developer Center for your company"),
    ("submit", "submit (or resubmit) your integration's pull request for review"),
    ("checklist [slug]", "the Public Beta checklist: tick your items, see Segment's"),
    ("metadata [slug]", "catalog metadata (description, categories, SVG logo and mark, support, test account)"),
    ("verify [slug]", "record a customer who verified your integration in private beta"),
    ("history <slug>", "every recorded change of an integration"),
    ("card <slug>", "staff: post an integration's review card with the buttons legal now"),
    ("deploys", "the next Wednesday release, its cutoff, and which of your changes make it"),
    ("announce [status]", "staff: write a channel-wide announcement, or see its delivery log"),
    ("queue", "staff: everything waiting on Segment, oldest first"),
    ("help", "this list"),
)


def help_text() -> str:
    """The command list as text."""
    return "\n".join(f"`{SLASH_COMMAND} {word}` — {what}" for word, what in HELP_LINES)


def help_blocks(unknown: str | None = None) -> list[Block]:
    """The command list; says so when the user typed something unknown."""
    intro = f"I don't know `{escape(unknown[:100])}`. " if unknown else ""
    return checked(
        [
            section(f"{intro}*Developer Center bot* — here is what I can do:\n{help_text()}"),
            context(
                "Slash commands unavailable in a shared channel? Mention me instead (`@DevCenter status`) "
                "or open my App Home."
            ),
        ]
    )


def error_blocks(message: str) -> list[Block]:
    """A friendly error (never a stack trace)."""
    return [section(f":warning: {message}")]
