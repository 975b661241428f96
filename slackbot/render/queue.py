"""Staff views: the queue of what waits on Segment, an integration's history."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import Block

from slackbot.domain.lifecycle import Stage, stage_label
from slackbot.domain.views.reviews import HistoryLine, QueueItem
from slackbot.render.common import MAX_MESSAGE_BLOCKS, age, checked, context, header, section, when
from slackbot.render.mrkdwn import Md, channel_ref, link, md, mention, quoted

KIND_EMOJI = {
    "access": ":door:",
    "review": ":eyes:",
    "merge": ":twisted_rightwards_arrows:",
    "answer": ":speech_balloon:",
    "question": ":raising_hand:",
}
QUESTION_CHARS = 300  # of the question, in a queue line


def question_text(item: QueueItem, now: datetime) -> Md:
    """An escalated question: who asked, where, how long it has waited, a link to its thread, what was asked."""
    where = md("in {channel}", channel=channel_ref(item.asked_in)) if item.asked_in else Md("in a direct message")
    company = md(" ({partner})", partner=item.partner_name) if item.partner_name else Md("")
    thread = md(" · {thread}", thread=link(item.link, "answer in its thread")) if item.link else Md("")
    asked = item.title if len(item.title) <= QUESTION_CHARS else item.title[: QUESTION_CHARS - 1] + "…"
    return md(
        "{emoji} *Question* from {asker}{company} {where} · waiting {age}{thread}\n{asked}",
        emoji=KIND_EMOJI["question"], asker=mention(item.asker or ""), company=company, where=where,
        age=age(item.since, now), thread=thread, asked=quoted(asked),
    )  # fmt: skip


def _item(item: QueueItem, now: datetime, timezone: str) -> Block:
    if item.kind == "question":
        return section(question_text(item, now))
    title = link(item.link, item.title) if item.link else md("{title}", title=item.title)
    due = md(" · due {when}", when=when(item.due, timezone)) if item.due else Md("")
    overdue = Md(" · :warning: *overdue*") if item.overdue else Md("")
    return section(
        md("{emoji} {title}\n{partner} · waiting {age}{due}{overdue}", emoji=KIND_EMOJI.get(item.kind, ""),
           title=title, partner=item.partner_name, age=age(item.since, now), due=due, overdue=overdue)
    )  # fmt: skip


def queue_blocks(items: list[QueueItem], now: datetime, timezone: str) -> list[Block]:
    """Oldest first, with age, due date, overdue marks and card links."""
    blocks: list[Block] = [header(f"Waiting on Segment: {len(items)}")]
    if not items:
        return [*blocks, section(Md("Nothing is waiting on Segment. :sparkles:"))]
    blocks += [_item(item, now, timezone) for item in items[: MAX_MESSAGE_BLOCKS - 2]]
    if len(items) > MAX_MESSAGE_BLOCKS - 2:
        blocks.append(context(md("…and {count} more.", count=len(items) - (MAX_MESSAGE_BLOCKS - 2))))
    return checked(blocks)


def _stage(value: str | None) -> str:
    return stage_label(Stage(value)) if value else "—"


def history_blocks(name: str, lines: list[HistoryLine], timezone: str) -> list[Block]:
    """The audit trail, oldest first (the newest 45 when long)."""
    blocks: list[Block] = [header(f"History: {name}")]
    if not lines:
        blocks.append(section(Md("No recorded changes yet.")))
    for line in lines[-(MAX_MESSAGE_BLOCKS - 2) :]:
        move = f" ({_stage(line.from_stage)} → {_stage(line.to_stage)})" if line.to_stage else ""
        note = md("\n{note}", note=quoted(line.note[:500])) if line.note else Md("")
        blocks.append(
            section(
                md("{at} · {who} · {action}{move}{note}", at=when(line.at, timezone), who=mention(line.actor),
                   action=line.action.replace("_", " "), move=move, note=note)
            )
        )  # fmt: skip
    return checked(blocks)
