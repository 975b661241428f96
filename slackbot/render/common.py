"""Shared rendering helpers (blocks, modals, inputs, integration facts) and Slack's Block Kit limits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from slackbot.ids import CallbackId
from slackbot.render.mrkdwn import Md, link, md
from slackbot.wire import encode_meta

Rendered = tuple[Md, list[Block]]  # a message: its notification text and its blocks
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


def section(text: Md) -> SectionBlock:
    """A mrkdwn section, clipped to Slack's 3000-character limit."""
    clipped = text if len(text) <= MAX_SECTION_TEXT else text[: MAX_SECTION_TEXT - 1] + "…"
    return SectionBlock(text=MarkdownTextObject(text=clipped))


def message(text: Md, *extra: Block) -> Rendered:
    """A message whose first section is its notification text, then any further blocks."""
    return text, checked([section(text), *extra])


def header(text: str) -> HeaderBlock:
    """A header block (plain text, clipped to Slack's 150 characters)."""
    return HeaderBlock(text=PlainTextObject(text=text[:150]))


def pr_link(url: str) -> Md:
    """A pull request link labelled with its number: <https://…/pull/3141|#3141>."""
    return link(url, f"#{url.rstrip('/').rsplit('/', 1)[-1]}")


def integration_facts(
    timezone: str,
    *,
    pr_url: str | None = None,
    submitted_at: datetime | None = None,
    review_due_at: datetime | None = None,
    merged_at: datetime | None = None,
    ships: date | None = None,
    shipped_in: date | None = None,
    overdue_at: datetime | None = None,
    bold: bool = True,
) -> list[Md]:
    """The facts of an integration that status, Home and the staff card all show, one line each.

    `review_due_at` is shown only when given (callers pass it while in review); `overdue_at` marks it overdue
    when that moment is past the due date.
    """
    line = (
        (lambda name, value: md("*{name}:* {value}", name=name, value=value))
        if bold
        else (lambda name, value: md("{name}: {value}", name=name, value=value))
    )
    lines = [line("Pull request", pr_link(pr_url))] if pr_url else []
    if submitted_at:
        lines.append(line("Submitted", when(submitted_at, timezone)))
    if review_due_at:
        overdue = Md(" :warning: *overdue*") if overdue_at and overdue_at > review_due_at else Md("")
        lines.append(line("Review due", md("{when}{overdue}", when=when(review_due_at, timezone), overdue=overdue)))
    if merged_at:
        lines.append(line("Merged", when(merged_at, timezone)))
    if ships:
        lines.append(line("Ships", day_name(ships)))
    if shipped_in:
        lines.append(line("Shipped", f"in the {day_name(shipped_in)} release"))
    return lines


def context(text: Md) -> ContextBlock:
    """A small grey line."""
    return ContextBlock(elements=[MarkdownTextObject(text=text[:MAX_SECTION_TEXT])])


def when(moment: datetime, timezone: str) -> str:
    """A date and time a person reads in the program's timezone, e.g. 'Tue Dec 1, 5:00 PM PST'."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local:%a %b} {local.day}, {local:%I:%M %p}".replace(" 0", " ") + f" {local.tzname()}"


def age(since: datetime, now: datetime) -> str:
    """How long something has waited: '5h' or '2d 3h'."""
    hours = max(int((now - since).total_seconds() // 3600), 0)
    return f"{hours // 24}d {hours % 24}h" if hours >= 24 else f"{hours}h"


def day_name(day: date) -> str:
    """A release day as people say it: 'Wednesday Nov 25'."""
    return f"{day:%A} {day:%b} {day.day}"


def long_day(day: date) -> str:
    """A day further away, with its year: 'Monday, February 22, 2027'."""
    return f"{day:%A, %B} {day.day}, {day.year}"


def notice_modal(title: str, text: Md, *, close: str = "Close") -> View:
    """A read-only message in a modal (for Home buttons, which have no response_url to answer on; and what a form
    turns into once saved, closed with "Done")."""
    return View(type="modal", callback_id=CallbackId.NOTICE, title=title[:24], close=close, blocks=[section(text)])


def text_input(
    block_id: str,
    label: str,
    *,
    multiline: bool = False,
    max_length: int | None = None,
    placeholder: str | None = None,
    initial: str | None = None,
    optional: bool = False,
) -> InputBlock:
    """A plain-text input whose action id is its block id (what handlers read back)."""
    return InputBlock(
        block_id=block_id,
        label=label[:2000],
        optional=optional,
        element=PlainTextInputElement(
            action_id=block_id,
            multiline=multiline,
            max_length=max_length,
            initial_value=(initial or "")[:MAX_SECTION_TEXT] or None,
            placeholder=PlainTextObject(text=placeholder[:150]) if placeholder else None,
        ),
    )


def select_input(
    block_id: str, label: str, options: list[Option], *, initial: str | None = None, placeholder: str, optional: bool
) -> InputBlock:
    """A static select whose action id is its block id, preselecting the option whose value is `initial`."""
    chosen = next((o for o in options if o.value == initial), None)
    element = StaticSelectElement(action_id=block_id, placeholder=placeholder, options=options, initial_option=chosen)
    return InputBlock(block_id=block_id, label=label, optional=optional, element=element)


def modal(
    callback_id: str,
    title: str,
    submit: str,
    blocks: list[Block],
    metadata: object | None = None,
    *,
    close: str = "Cancel",
) -> View:
    """A modal within Slack's limits (title ≤ 24 characters, ≤ 100 blocks), carrying a `slackbot.wire` metadata."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=title[:24],
        submit=submit,
        close=close,
        private_metadata=encode_meta(metadata) if metadata is not None else "{}",
        blocks=checked(blocks, MAX_VIEW_BLOCKS),
    )
