"""Staff views: the queue of what waits on Segment, an integration's history."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import Block

from slackbot.domain.lifecycle import Stage, stage_label
from slackbot.domain.views.reviews import HistoryLine, QueueItem
from slackbot.render.common import MAX_MESSAGE_BLOCKS, age, checked, context, escape, header, section, when

KIND_EMOJI = {
    "access": ":door:",
    "review": ":eyes:",
    "merge": ":twisted_rightwards_arrows:",
    "answer": ":speech_balloon:",
}


def queue_blocks(items: list[QueueItem], now: datetime, timezone: str) -> list[Block]:
    """Oldest first, with age, due date, overdue marks and card links."""
    blocks: list[Block] = [header(f"Waiting on Segment: {len(items)}")]
    if not items:
        return [*blocks, section("Nothing is waiting on Segment. :sparkles:")]
    for item in items[: MAX_MESSAGE_BLOCKS - 2]:
        title = f"<{item.link}|{escape(item.title)}>" if item.link else escape(item.title)
        due = f" · due {when(item.due, timezone)}" if item.due else ""
        overdue = " · :warning: *overdue*" if item.overdue else ""
        blocks.append(
            section(
                f"{KIND_EMOJI.get(item.kind, '')} {title}\n{escape(item.partner_name)} · waiting "
                f"{age(item.since, now)}{due}{overdue}"
            )
        )
    if len(items) > MAX_MESSAGE_BLOCKS - 2:
        blocks.append(context(f"…and {len(items) - (MAX_MESSAGE_BLOCKS - 2)} more."))
    return checked(blocks)


def _stage(value: str | None) -> str:
    return stage_label(Stage(value)) if value else "—"


def history_blocks(name: str, lines: list[HistoryLine], timezone: str) -> list[Block]:
    """The audit trail, oldest first (the newest 45 when long)."""
    blocks: list[Block] = [header(f"History: {name}")]
    if not lines:
        blocks.append(section("No recorded changes yet."))
    for line in lines[-(MAX_MESSAGE_BLOCKS - 2) :]:
        move = f" ({_stage(line.from_stage)} → {_stage(line.to_stage)})" if line.to_stage else ""
        note = f"\n>{escape(line.note[:500])}" if line.note else ""
        blocks.append(
            section(f"{when(line.at, timezone)} · <@{line.actor}> · {line.action.replace('_', ' ')}{move}{note}")
        )
    return checked(blocks)
