"""Shared rendering helpers and Slack's Block Kit limits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

MAX_MESSAGE_BLOCKS = 50  # https://docs.slack.dev/reference/block-kit/blocks (messages)
MAX_VIEW_BLOCKS = 100  # modals and Home tabs
MAX_SECTION_TEXT = 3000


class BlockLimitError(ValueError):
    """A rendered surface exceeds Slack's limits; slack_sdk does not check the block count itself."""


def checked(blocks: Sequence[Block], limit: int = MAX_MESSAGE_BLOCKS) -> list[Block]:
    """Return the blocks as a list, refusing more than Slack accepts."""
    if len(blocks) > limit:
        raise BlockLimitError(f"{len(blocks)} blocks exceed Slack's limit of {limit}")
    return list(blocks)


def section(text: str) -> SectionBlock:
    """A mrkdwn section, clipped to Slack's 3000-character limit."""
    if len(text) > MAX_SECTION_TEXT:
        text = text[: MAX_SECTION_TEXT - 1] + "…"
    return SectionBlock(text=MarkdownTextObject(text=text))


def context(text: str) -> ContextBlock:
    """A small grey line."""
    return ContextBlock(elements=[MarkdownTextObject(text=text[:MAX_SECTION_TEXT])])


def when(moment: datetime, timezone: str) -> str:
    """A date and time a person reads in the program's timezone, e.g. 'Tue Dec 1, 5:00 PM PST'."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local:%a %b} {local.day}, {local:%I:%M %p}".replace(" 0", " ") + f" {local.tzname()}"


def escape(text: str) -> str:
    """Escape user text for mrkdwn (&, <, >)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def age(since: datetime, now: datetime) -> str:
    """How long something has waited: '5h' or '2d 3h'."""
    hours = max(int((now - since).total_seconds() // 3600), 0)
    return f"{hours // 24}d {hours % 24}h" if hours >= 24 else f"{hours}h"


def day_name(day: date) -> str:
    """A release day as people say it: 'Wednesday Nov 25'."""
    return f"{day:%A} {day:%b} {day.day}"
