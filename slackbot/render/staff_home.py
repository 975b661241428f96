"""The staff App Home: the whole program at a glance (within Slack's 100 blocks and 3,000 characters a section)."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, HeaderBlock, PlainTextObject

from slackbot.domain.lifecycle import stage_label
from slackbot.domain.views.home import Line, StaffHome
from slackbot.domain.views.launch import VerificationView
from slackbot.ids import ActionId
from slackbot.render.common import context, escape, section, when
from slackbot.render.launch import rule_line

MAX_LINES = 20  # per list; the rest is counted
MAX_BUTTON_ROWS = 10


NOTHING_READY = (
    "\n_no beta integration passes its launch gates yet; `/devcenter queue` lists reviews and access requests_"
)


def _line(line: Line) -> str:
    name = f"<{line.link}|{escape(line.name)}>" if line.link else f"*{escape(line.name)}*"
    return f"• {name} (`{line.slug}`, {escape(line.partner_name)}) — {escape(line.detail)}"


def _list(title: str, lines: tuple[Line, ...], empty: str) -> Block:
    if not lines:
        return section(f"*{title}*\n_{empty}_")
    shown = "\n".join(_line(line) for line in lines[:MAX_LINES])
    more = f"\n…and {len(lines) - MAX_LINES} more" if len(lines) > MAX_LINES else ""
    return section(f"*{title}* ({len(lines)})\n{shown}{more}")


def _ready(line: Line) -> Block:
    block = section(_line(line))
    block.accessory = ButtonElement(text="Post card", action_id=ActionId.POST_CARD, value=line.slug, style="primary")
    return block


def _pending(view: VerificationView) -> list[Block]:
    value = str(view.verification_id)
    return [
        section(
            f"• *{escape(view.name)}* (`{view.slug}`): {escape(view.customer)}, workspace "
            f"`{escape(view.workspace)}`, contact {escape(view.contact)}, verified {view.verified_on:%b} "
            f"{view.verified_on.day} — recorded by <@{view.recorded_by}>"
        ),
        ActionsBlock(
            block_id=f"home.verification:{value}",
            elements=[
                ButtonElement(text="Confirm", action_id=ActionId.CONFIRM_VERIFICATION, value=value, style="primary"),
                ButtonElement(text="Reject", action_id=ActionId.REJECT_VERIFICATION, value=value, style="danger"),
            ],
        ),
    ]


def staff_blocks(home: StaffHome) -> list[Block]:
    """Counts per stage, the next release, overdue reviews, launches ready or blocked, verifications to confirm."""
    counts = " · ".join(f"{stage_label(stage)} *{count}*" for stage, count in home.counts if count) or "nothing yet"
    window = home.window
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="Developer Center — staff")),
        section(f"*Integrations by stage:* {counts}"),
        context(rule_line(home.rule)),
        _list(
            f"Release of Wednesday {window.release:%b} {window.release.day} (merge cutoff "
            f"{when(window.cutoff, home.timezone)})",
            home.release_items,
            "nothing approved and merged for it yet",
        ),
        _list("Overdue reviews", home.overdue, "none"),
        section(f"*Ready to approve* ({len(home.ready)})" + ("" if home.ready else NOTHING_READY)),
    ]
    blocks += [_ready(line) for line in home.ready[:MAX_BUTTON_ROWS]]
    if len(home.ready) > MAX_BUTTON_ROWS:
        blocks.append(context(f"…and {len(home.ready) - MAX_BUTTON_ROWS} more"))
    blocks.append(
        section(
            f"*Customer verifications to confirm* ({len(home.pending)} shown)" + ("" if home.pending else "\n_none_")
        )
    )
    for view in home.pending[:MAX_BUTTON_ROWS]:
        blocks += _pending(view)
    blocks += [
        _list("Blocked on catalog metadata", home.blocked_metadata, "none"),
        _list("Blocked on customers", home.blocked_customers, "none"),
    ]
    return blocks
