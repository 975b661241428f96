"""The staff App Home: the whole program at a glance (within Slack's 100 blocks and 3,000 characters a section)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from slackbot.domain.lifecycle import Stage, stage_label
from slackbot.domain.metadata import LABELS
from slackbot.domain.views.home import Line, StaffHome
from slackbot.domain.views.launch import VerificationView
from slackbot.ids import ActionId
from slackbot.render.common import context, header, section
from slackbot.render.launch import rule_line, shortfall_text
from slackbot.render.mrkdwn import Md, code, joined, link, md, mention
from slackbot.render.queue import question_text
from slackbot.render.releases_plans import plan_parts
from slackbot.wire import encode_id

MAX_LINES = 20  # per list; the rest is counted


MAX_BUTTON_ROWS = 10
MAX_RELEASES = 4


NOTHING_READY = Md(
    "\n_no beta integration passes its launch gates yet; `/devcenter queue` lists reviews and access requests_"
)
READY_FOR = {Stage.PUBLIC_BETA: "public beta", Stage.PUBLIC: "public"}


def detail(line: Line, timezone: str) -> str:
    """What a staff list says about one integration."""
    zone = ZoneInfo(timezone)
    if line.due is not None:
        return f"due {line.due.astimezone(zone):%a %b %d, %I:%M %p %Z}"
    if line.ready_for is not None:
        return f"ready for {READY_FOR[line.ready_for]}"
    if line.missing_fields:
        return ", ".join(LABELS[f] for f in line.missing_fields)
    if line.shortfalls:
        return "; ".join(shortfall_text(s) for s in line.shortfalls)
    return ""


def _line(line: Line, timezone: str) -> Md:
    name = link(line.link, line.name) if line.link else md("*{name}*", name=line.name)
    return md("• {name} ({slug}, {partner}) — {detail}", name=name, slug=code(line.slug), partner=line.partner_name,
              detail=detail(line, timezone))  # fmt: skip


def _list(title: str, lines: tuple[Line, ...], empty: str, timezone: str) -> Block:
    if not lines:
        return section(md("*{title}*\n_{empty}_", title=title, empty=empty))
    shown = joined("\n", (_line(line, timezone) for line in lines[:MAX_LINES]))
    more = f"\n…and {len(lines) - MAX_LINES} more" if len(lines) > MAX_LINES else ""
    return section(md("*{title}* ({count})\n{shown}{more}", title=title, count=len(lines), shown=shown, more=more))


def _ready(line: Line, timezone: str) -> Block:
    block = section(_line(line, timezone))
    block.accessory = ButtonElement(text="Post card", action_id=ActionId.POST_CARD, value=line.slug, style="primary")
    return block


def _pending(view: VerificationView) -> list[Block]:
    value = encode_id(view.verification_id)
    day = view.verified_on
    return [
        section(
            md(
                "• *{name}* ({slug}): {customer}, workspace {workspace}, contact {contact}, verified {day} — recorded "
                "by {who}",
                name=view.name,
                slug=code(view.slug),
                customer=view.customer,
                workspace=code(view.workspace),
                contact=view.contact,
                day=f"{day:%b} {day.day}",
                who=mention(view.recorded_by),
            )
        ),
        ActionsBlock(
            block_id=f"home.verification:{value}",
            elements=[
                ButtonElement(text="Confirm", action_id=ActionId.CONFIRM_VERIFICATION, value=value, style="primary"),
                ButtonElement(text="Reject", action_id=ActionId.REJECT_VERIFICATION, value=value, style="danger"),
            ],
        ),
    ]


def _questions(home: StaffHome) -> list[Block]:
    questions = home.questions
    if not questions:
        return [section(Md("*Questions waiting*\n_none: every question handed to the team has an answer_"))]
    blocks: list[Block] = [section(md("*Questions waiting* ({count}), oldest first", count=len(questions)))]
    blocks += [section(question_text(item, home.now)) for item in questions[:MAX_BUTTON_ROWS]]
    if len(questions) > MAX_BUTTON_ROWS:
        more = len(questions) - MAX_BUTTON_ROWS
        blocks.append(context(md("…and {count} more in `/devcenter queue`", count=more)))
    return blocks


def _releases(home: StaffHome) -> list[Block]:
    """Today's release and every coming one with work in it, as /devcenter deploys shows them."""
    blocks: list[Block] = [
        section(part)
        for plan in home.plans[:MAX_RELEASES]
        for part in plan_parts(plan, home.window.release, home.timezone)
    ]
    if len(home.plans) > MAX_RELEASES:
        more = md("…and {count} more releases: `/devcenter deploys`", count=len(home.plans) - MAX_RELEASES)
        blocks.append(context(more))
    return blocks


def staff_blocks(home: StaffHome) -> list[Block]:
    """Counts per stage, the next release, overdue reviews, launches ready or blocked, verifications to confirm."""
    tz = home.timezone
    counts = " · ".join(f"{stage_label(stage)} *{count}*" for stage, count in home.counts if count) or "nothing yet"
    ready = md(
        "*Ready to approve* ({count}){none}", count=len(home.ready), none=Md("") if home.ready else NOTHING_READY
    )
    blocks: list[Block] = [
        header("Developer Center — staff"),
        section(md("*Integrations by stage:* {counts}", counts=Md(counts))),
        context(rule_line(home.rule)),
        *_releases(home),
        _list("Overdue reviews", home.overdue, "none", tz),
        *_questions(home),
        section(ready),
    ]
    blocks += [_ready(line, tz) for line in home.ready[:MAX_BUTTON_ROWS]]
    if len(home.ready) > MAX_BUTTON_ROWS:
        blocks.append(context(md("…and {count} more", count=len(home.ready) - MAX_BUTTON_ROWS)))
    none = "" if home.pending else "\n_none_"
    blocks.append(
        section(md("*Customer verifications to confirm* ({count} shown){none}", count=len(home.pending), none=Md(none)))
    )
    for view in home.pending[:MAX_BUTTON_ROWS]:
        blocks += _pending(view)
    blocks += [
        _list("Blocked on catalog metadata", home.blocked_metadata, "none", tz),
        _list("Blocked on customers", home.blocked_customers, "none", tz),
    ]
    return blocks
