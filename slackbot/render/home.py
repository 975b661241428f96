"""The App Home tab: the partner's dashboard, the staff dashboard, or a way in (≤100 blocks, always)."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock
from slack_sdk.models.views import View

from slackbot.domain.access import SUPPORT_EMAIL
from slackbot.domain.launch import LaunchRule
from slackbot.domain.lifecycle import Stage, stage_label
from slackbot.domain.views.home import HomeIntegration, HomePage, Next, PartnerHome, Party, RequestLine
from slackbot.domain.views.reviews import StatusReport
from slackbot.ids import SLASH_COMMAND, ActionId
from slackbot.render.commands import help_text
from slackbot.render.common import (
    MAX_VIEW_BLOCKS,
    checked,
    context,
    day_name,
    header,
    integration_facts,
    long_day,
    section,
    when,
)
from slackbot.render.home_staff import staff_blocks
from slackbot.render.launch import launch_text, private_beta_text, rule_line, rule_sources
from slackbot.render.mrkdwn import Md, code, joined, md
from slackbot.render.releases_plans import names_of, partner_lines
from slackbot.render.status import STAGE_EMOJI, changes_text, integrations_blocks, next_step
from slackbot.wire import encode_id

PATH = (Stage.BUILDING, Stage.IN_REVIEW, Stage.APPROVED, Stage.PRIVATE_BETA, Stage.PUBLIC_BETA, Stage.PUBLIC)
BUTTONS = {
    "submit": ("Submit for review", ActionId.OPEN_SUBMIT_FORM),
    "metadata": ("Catalog metadata", ActionId.OPEN_METADATA),
    "verify": ("Record a verification", ActionId.OPEN_VERIFICATION),
    "checklist": ("Checklist", ActionId.OPEN_CHECKLIST),
    "withdraw": ("Withdraw…", ActionId.OPEN_WITHDRAW),
}
STYLES = {"submit": "primary", "verify": "primary", "withdraw": "danger"}
MAX_REQUESTS_SHOWN = 5


def timeline(stage: Stage) -> Md:
    """Done, current and future stages along the main path."""
    if stage in (Stage.DECLINED, Stage.WITHDRAWN):
        return md("{emoji} {label}", emoji=STAGE_EMOJI[stage], label=stage_label(stage))
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
        marks.append(md("{mark} *{label}*" if index == here else "{mark} {label}", mark=mark, label=label))
    return joined("  →  ", marks)


PARTY = {Party.PARTNER: "you", Party.SEGMENT: "Segment", Party.NOBODY: "nobody"}
STEPS = {Stage.PUBLIC_BETA: "public beta", Stage.PUBLIC: "public (GA)"}


def next_text(item: HomeIntegration) -> str:
    """What happens next for an integration, in words."""
    launch = item.launch
    step = STEPS.get(launch.evaluation.step, "") if launch and launch.evaluation else ""
    if item.next is Next.ANSWER_REQUEST and item.requests:
        return f"Answer Segment's request for {item.requests[0].title}."
    if item.next is Next.GATES_PASS:
        return f"Every gate for {step} passes: Segment approves it."
    if item.next is Next.CONFIRM_VERIFICATIONS and launch is not None:
        return f"Segment confirms {launch.pending} customer verification(s) you recorded."
    if item.next is Next.WORK_ON_GATES:
        return f"Work through what {step} still needs (below)."
    return next_step(item.stage, merged=item.merged_at is not None, release=item.release)


def _facts(item: HomeIntegration, timezone: str) -> Md:
    lines = [md("*Next:* {next}", next=next_text(item)), md("*Waiting on:* {who}", who=PARTY[item.waiting_on])]
    due = item.review_due_at if item.stage is Stage.IN_REVIEW else None
    lines += integration_facts(
        timezone, pr_url=item.pr_url, review_due_at=due, merged_at=item.merged_at, ships=item.release,
        shipped_in=item.released_in,
    )  # fmt: skip
    if item.changes is not None:
        lines.append(changes_text(item.changes, timezone))
    return joined("\n", lines)


def _buttons(item: HomeIntegration) -> list[ButtonElement]:
    return [
        ButtonElement(
            text=BUTTONS[a][0],
            action_id=BUTTONS[a][1],
            value=item.slug,
            style=STYLES.get(a),
        )
        for a in item.actions
    ]


def detail_blocks(item: HomeIntegration, timezone: str, rule: LaunchRule | None = None) -> list[Block]:
    """One integration in full: timeline, next step and who it waits on, launch gates (and, in beta, the rule they
    come from), requests, buttons."""
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
    if rule is not None and item.stage in (Stage.PRIVATE_BETA, Stage.PUBLIC_BETA):
        blocks.append(context(md("{rule}. {sources}", rule=rule_line(rule), sources=rule_sources(rule))))
    if item.checklist is not None:
        blocks.append(context(md("Public Beta checklist: {progress} done", progress=str(item.checklist))))
    blocks += [_request_block(request, timezone) for request in item.requests[:MAX_REQUESTS_SHOWN]]
    if buttons := _buttons(item):
        blocks.append(ActionsBlock(block_id=f"home.actions:{item.slug}"[:255], elements=buttons))
    return blocks


def _request_block(request: RequestLine, timezone: str) -> Block:
    block = section(
        md(
            ":question: Segment asks for *{title}* (since {at}).",
            title=request.title,
            at=when(request.requested_at, timezone),
        )
    )
    block.accessory = ButtonElement(
        text="Answer", action_id=ActionId.ANSWER_REQUEST, value=encode_id(request.request_id), style="primary"
    )
    return block


def _row(item: HomeIntegration) -> Block:
    requests = f" · {len(item.requests)} open request(s)" if item.requests else ""
    block = section(
        md("{emoji} *{name}* ({slug}) — {stage} · waiting on {who}{requests}", emoji=STAGE_EMOJI[item.stage],
           name=item.name, slug=code(item.slug), stage=stage_label(item.stage), who=PARTY[item.waiting_on],
           requests=requests)
    )  # fmt: skip
    block.accessory = ButtonElement(text="Show", action_id=ActionId.HOME_FOCUS, value=item.slug)
    return block


def _declined(home: PartnerHome) -> list[Block]:
    """A declined company: who to ask, from when it may apply again, and the button once it may."""
    again = md(" You may apply again from *{day}*.", day=long_day(home.reapply_from)) if home.reapply_from else Md("")
    text = md(
        "{emoji} *Declined* — questions about the decision: write to {email}.{again}",
        emoji=STAGE_EMOJI[Stage.DECLINED], email=SUPPORT_EMAIL, again=again,
    )  # fmt: skip
    blocks: list[Block] = [section(text)]
    if home.may_reapply:
        apply = ButtonElement(text="Apply again", style="primary", action_id=ActionId.OPEN_ACCESS_FORM)
        blocks.append(ActionsBlock(elements=[apply]))
    return blocks


def _no_integration_yet(stage: Stage) -> list[Block]:
    building = stage is Stage.BUILDING
    next_words = (
        "submit your pull request when it is ready."
        if building
        else "Segment reviews your access request (about 1 business day)."
    )
    blocks: list[Block] = [
        section(md("{emoji} *{label}* — {next}", emoji=STAGE_EMOJI[stage], label=stage_label(stage), next=next_words))
    ]
    if building:
        submit = ButtonElement(text="Submit for review", style="primary", action_id=ActionId.OPEN_SUBMIT_FORM)
        blocks.append(ActionsBlock(elements=[submit]))
    return blocks


def _releases(home: PartnerHome) -> Md:
    """What shipped today or ships before the next deploy, the next deploy (with the partner's work in it), later."""
    window = home.window
    plan = next((p for p in home.plans if p.release == window.release), None)
    mine = md(" Yours in it: {names}.", names=names_of(plan.ships)) if plan and plan.ships else Md("")
    if plan and plan.waiting:
        mine = md("{mine} Approved, for Segment to merge: {names}.", mine=mine, names=names_of(plan.waiting))
    deploy = md(
        ":calendar: *Next deploy:* {day} — changes approved and merged by *{cutoff}* ship in it.{mine}",
        day=day_name(window.release), cutoff=when(window.cutoff, home.timezone), mine=mine,
    )  # fmt: skip
    earlier = partner_lines([p for p in home.plans if p.release < window.release], window.release)
    later = partner_lines([p for p in home.plans if p.release > window.release], window.release)
    return joined("\n", [*earlier, deploy, *later])


def partner_blocks(home: PartnerHome) -> list[Block]:
    """The partner's integrations: the focused one in detail, the others as rows (within 100 blocks)."""
    blocks: list[Block] = [header(f"{home.partner_name} — Developer Center"), section(_releases(home))]
    if home.partner_stage is Stage.DECLINED:
        blocks += _declined(home)
    elif not home.integrations:
        blocks += _no_integration_yet(home.partner_stage)
    for item in (i for i in home.integrations if i.slug == home.focus):
        blocks += detail_blocks(item, home.timezone, home.rule)
    others = [i for i in home.integrations if i.slug != home.focus]
    room = MAX_VIEW_BLOCKS - len(blocks) - COMMAND_BLOCKS - 4 - EMAIL_BLOCKS
    if others:
        blocks += [DividerBlock(), section(Md("*Your other integrations*"))]
        blocks += [_row(item) for item in others[:room]]
        if len(others) > room:
            blocks.append(context(md("…and {count} more: `/devcenter status <slug>`.", count=len(others) - room)))
    return blocks + _email(home)


EMAIL_BLOCKS = 2


def _email(home: PartnerHome) -> list[Block]:
    """Where partner emails go, and the button that turns them off (or on again); Slack continues either way."""
    if not home.email:
        return []
    if home.email_off:
        text = md("*Email:* off. Key moments reach you here in Slack only (email was going to {email}).",
                  email=home.email)  # fmt: skip
        button = ButtonElement(text="Turn email on", action_id=ActionId.HOME_EMAIL, value="on", style="primary")
    else:
        text = md("*Email:* key moments also go to {email}, besides Slack.", email=home.email)
        button = ButtonElement(text="Turn email off", action_id=ActionId.HOME_EMAIL, value="off")
    block = section(text)
    block.accessory = button
    return [DividerBlock(), block]


COMMAND_BLOCKS = 3


LAUNCH_HELP = (
    ("checklist [slug]", "the Public Beta checklist: tick what you have finished"),
    ("metadata [slug]", "catalog metadata: description, categories, logo and mark (SVG), support email, test account"),
    ("verify [slug]", "record a customer who verified your integration (private or public beta)"),
    ("card <slug>", "staff: post an integration's card, with its launch gates, in the review channel"),
)


def _commands() -> list[Block]:
    listed = help_text()
    extra = [
        md("\n{command} — {what}", command=code(f"{SLASH_COMMAND} {word}"), what=what)
        for word, what in LAUNCH_HELP
        if f"{SLASH_COMMAND} {word}" not in listed
    ]
    return [
        DividerBlock(),
        section(md("*Commands*\n{listed}{extra}", listed=listed, extra=joined("", extra))),
        context(Md("In a shared channel, mention me with the same words, e.g. `@DevCenter checklist`.")),
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
            blocks.append(section(md("{text}", text=text)))
        if page is not None and page.message:
            blocks.append(
                ActionsBlock(
                    elements=[
                        ButtonElement(text="Request access", style="primary", action_id=ActionId.OPEN_ACCESS_FORM)
                    ]
                )
            )
    return View(type="home", blocks=checked([*blocks, *_commands()], MAX_VIEW_BLOCKS))
