"""The command list (/devcenter help) and friendly errors."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from slackbot.ids import SLASH_COMMAND
from slackbot.render.common import Rendered, checked, context, section
from slackbot.render.mrkdwn import Md, code, joined, md

HELP_LINES = (
    ("status", "where your integrations stand and what happens next (staff: `status <slug>`)"),
    ("ask <question>", "a cited answer to a build question (or just mention me with it)"),
    ("join", "request access to the Developer Center for your company"),
    ("submit", "submit (or resubmit) your integration's pull request for review"),
    ("checklist [slug]", "the Public Beta checklist: tick your items, see Segment's"),
    ("metadata [slug]", "catalog metadata (description, categories, SVG logo and mark, support, test account)"),
    ("verify [slug]", "record a customer who verified your integration in private beta"),
    ("withdraw <slug>", "withdraw an integration from the program (you confirm first)"),
    ("history <slug>", "every recorded change of an integration"),
    ("card <slug>", "staff: post an integration's review card with the buttons legal now"),
    ("deploys", "the next Wednesday release, its cutoff, and which of your changes make it"),
    ("announce [status]", "staff: write a channel-wide announcement, or see its delivery log"),
    ("queue", "staff: everything waiting on Segment, oldest first"),
    ("help", "this list"),
)


def help_text() -> Md:
    """The command list as text."""
    return joined(
        "\n",
        (md("{command} — {what}", command=code(f"{SLASH_COMMAND} {word}"), what=what) for word, what in HELP_LINES),
    )


def help_blocks(unknown: str | None = None) -> list[Block]:
    """The command list; says so when the user typed something unknown."""
    intro = md("I don't know {word}. ", word=code(unknown[:100])) if unknown else Md("")
    shared = Md(
        "Slash commands unavailable in a shared channel? Mention me instead (`@DevCenter status`) or open my App Home."
    )
    text = md("{intro}*Developer Center bot* — here is what I can do:\n{commands}", intro=intro, commands=help_text())
    return checked([section(text), context(shared)])


def error_blocks(message: str) -> list[Block]:
    """A friendly error (never a stack trace); the message is escaped (it may quote what the user typed)."""
    return [section(md(":warning: {message}", message=message))]


def did_you_mean(command: str) -> Rendered:
    """A mistyped command word: the command meant (shown only to the person who typed it)."""
    text = md(
        "Did you mean {command}? Type {slash}, or mention me with it: {mention}.",
        command=code(command), slash=code(f"{SLASH_COMMAND} {command}"), mention=code(f"@DevCenter {command}"),
    )  # fmt: skip
    more = md("{help} lists every command.", help=code(f"{SLASH_COMMAND} help"))
    return md("Did you mean {command}?", command=code(command)), checked([section(text), context(more)])
