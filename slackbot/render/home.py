"""The App Home tab: the partner's dashboard, the staff dashboard, or a way in (≤100 blocks, always)."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock
from slack_sdk.models.views import View

from slackbot.domain.lifecycle import Stage, stage_label
from slackbot.domain.views.home import HomeIntegration, HomePage, Line, PartnerHome, RequestLine, StaffHome
from slackbot.domain.views.launch import VerificationView
from slackbot.domain.views.reviews import StatusReport
from slackbot.ids import SLASH_COMMAND, ActionId
from slackbot.render.commands import help_text
from slackbot.render.common import MAX_VIEW_BLOCKS, checked, context, escape, header, integration_facts, section, when
from slackbot.render.launch import launch_text, private_beta_text, rule_line
from slackbot.render.status import STAGE_EMOJI, integrations_blocks

PATH = (Stage.BUILDING, Stage.IN_REVIEW, Stage.APPROVED, Stage.PRIVATE_BETA, Stage.PUBLIC_BETA, Stage.PUBLIC)
BUTTONS = {
    "submit": ("Submit for review", ActionId.OPEN_SUBMIT_FORM),
    "metadata": ("Catalog metadata", ActionId.OPEN_METADATA),
    "verify": ("Record a verification", ActionId.OPEN_VERIFICATION),
    "checklist": ("Checklist", ActionId.OPEN_CHECKLIST),
}
MAX_REQUESTS_SHOWN = 5


def timeline(stage: Stage) -> str:
    """Done, current and future stages along the main path."""
    if stage in (Stage.DECLINED, Stage.WITHDRAWN):
        return f"{STAGE_EMOJI[stage]} {stage_label(stage)}"
    current = Stage.IN_REVIEW if stage is Stage.CHANGES_REQUESTED else stage
    here = PATH.index(current) if current in PATH else -1
    marks = []
    for index, step in enumerate(PATH):
        label = (
            "In review (changes requested)"
            if step is current and stage is Stage.CHANGES_REQUESTED
            else stage_label(step)
        )
        mark = (
            ":white_check_mark:"
            if index < here or (index == here and step is Stage.PUBLIC)
            else ":large_blue_circle:"
            if index == here
            else ":white_circle:"
        )
        marks.append(f"{mark} {'*' + label + '*' if index == here else label}")
    return "  →  ".join(marks)


def _facts(item: HomeIntegration, timezone: str) -> str:
    lines = [f"*Next:* {escape(item.next_step)}", f"*Waiting on:* {item.waiting_on}"]
    due = item.review_due_at if item.stage is Stage.IN_REVIEW else None
    lines += integration_facts(
        timezone, pr_url=item.pr_url, review_due_at=due, merged_at=item.merged_at, ships=item.release
    )
    return "\n".join(lines)


def _buttons(item: HomeIntegration) -> list[ButtonElement]:
    return [
        ButtonElement(
            text=BUTTONS[a][0],
            action_id=BUTTONS[a][1],
            value=item.slug,
            style="primary" if a in ("submit", "verify") else None,
        )
        for a in item.actions
    ]


def detail_blocks(item: HomeIntegration, timezone: str) -> list[Block]:
    """One integration in full: timeline, next step and who it waits on, launch gates, requests, buttons."""
    blocks: list[Block] = [
        DividerBlock(),
        header(f"{item.name} ({item.slug})"),
        section(timeline(item.stage)),
        section(_facts(item, timezone)),
    ]
    if item.stage is Stage.PRIVATE_BETA:
        blocks.append(section(private_beta_text(item.slug)))
    if item.launch is not None:
        blocks.append(section(launch_text(item.launch)))
    if item.checklist is not None:
        blocks.append(context(f"Public Beta checklist: {item.checklist} done"))
    blocks += [_request_block(request, timezone) for request in item.requests[:MAX_REQUESTS_SHOWN]]
    if buttons := _buttons(item):
        blocks.append(ActionsBlock(block_id=f"home.actions:{item.slug}"[:255], elements=buttons))
    return blocks


def _request_block(request: RequestLine, timezone: str) -> Block:
    block = section(
        f":question: Segment asks for *{escape(request.title)}* (since {when(request.requested_at, timezone)})."
    )
    block.accessory = ButtonElement(
        text="Answer", action_id=ActionId.ANSWER_REQUEST, value=str(request.request_id), style="primary"
    )
    return block


def _row(item: HomeIntegration) -> Block:
    requests = f" · {len(item.requests)} open request(s)" if item.requests else ""
    block = section(
        f"{STAGE_EMOJI[item.stage]} *{escape(item.name)}* (`{item.slug}`) — {stage_label(item.stage)}"
        f" · waiting on {item.waiting_on}{requests}"
    )
    block.accessory = ButtonElement(text="Show", action_id=ActionId.HOME_FOCUS, value=item.slug)
    return block


def _no_integration_yet(stage: Stage) -> list[Block]:
    building = stage is Stage.BUILDING
    next_words = (
        "submit your pull request when it is ready."
        if building
        else "Segment reviews your access request (about 1 business day)."
    )
    blocks: list[Block] = [section(f"{STAGE_EMOJI[stage]} *{stage_label(stage)}* — {next_words}")]
    if building:
        submit = ButtonElement(text="Submit for review", style="primary", action_id=ActionId.OPEN_SUBMIT_FORM)
        blocks.append(ActionsBlock(elements=[submit]))
    return blocks


def partner_blocks(home: PartnerHome) -> list[Block]:
    """The partner's integrations: the focused one in detail, the others as rows (within 100 blocks)."""
    window = home.window
    blocks: list[Block] = [
        header(f"{home.partner_name} — Developer Center"),
        section(
            f":calendar: *Next deploy:* Wednesday {window.release:%b} {window.release.day} — changes approved and "
            f"merged by *{when(window.cutoff, home.timezone)}* ship in it."
        ),
        context(rule_line(home.rule)),
    ]
    if not home.integrations:
        blocks += _no_integration_yet(home.partner_stage)
    for item in (i for i in home.integrations if i.slug == home.focus):
        blocks += detail_blocks(item, home.timezone)
    others = [i for i in home.integrations if i.slug != home.focus]
    room = MAX_VIEW_BLOCKS - len(blocks) - COMMAND_BLOCKS - 4
    if others:
        blocks += [DividerBlock(), section("*Your other integrations*")]
        blocks += [_row(item) for item in others[:room]]
        if len(others) > room:
            blocks.append(context(f"…and {len(others) - room} more: `/devcenter status <slug>`."))
    return blocks


COMMAND_BLOCKS = 3


LAUNCH_HELP = (
    ("checklist [slug]", "the Public Beta checklist: tick what you have finished"),
    ("metadata [slug]", "catalog metadata: description, categories, logo and mark (SVG), support email, test account"),
    ("verify [slug]", "record a customer who verified your integration (private or public beta)"),
    ("card <slug>", "staff: post an integration's card, with its launch gates, in the review channel"),
)


def _commands() -> list[Block]:
    listed = help_text()
    extra = "".join(
        f"\n`{SLASH_COMMAND} {word}` — {what}" for word, what in LAUNCH_HELP if f"{SLASH_COMMAND} {word}" not in listed
    )
    return [
        DividerBlock(),
        section(f"*Commands*\n{listed}{extra}"),
        context("In a shared channel, mention me with the same words, e.g. `@DevCenter checklist`."),
    ]


def home_view(page: HomePage | None = None, *, report: StatusReport | None = None, message: str | None = None) -> View:
    """The Home tab for this person."""
    blocks: list[Block]
    if page is not None and page.staff is not None:
        blocks = staff_blocks(page.staff)
    elif page is not None and page.partner is not None:
        blocks = partner_blocks(page.partner)
    else:
        blocks = [header("Segment Developer Center")]
        if report is not None:
            blocks += integrations_blocks(report)[1:]
        if text := message or (page.message if page else None):
            blocks.append(section(text))
        if page is not None and page.message:
            blocks.append(
                ActionsBlock(
                    elements=[
                        ButtonElement(text="Request access", style="primary", action_id=ActionId.OPEN_ACCESS_FORM)
                    ]
                )
            )
    return View(type="home", blocks=checked([*blocks, *_commands()], MAX_VIEW_BLOCKS))


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
        header("Developer Center — staff"),
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
