"""/devcenter status: each integration's stage, what happens next, and the launch gates of those in beta."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import Block, DividerBlock

from slackbot.domain.access import SUPPORT_EMAIL
from slackbot.domain.lifecycle import Stage, stage_label
from slackbot.domain.releases import WEDNESDAY
from slackbot.domain.views.reviews import ChangeRequest, IntegrationSummary, LaunchReport, StatusReport
from slackbot.ids import SLASH_COMMAND
from slackbot.render.common import MAX_MESSAGE_BLOCKS, checked, context, header, integration_facts, section, when
from slackbot.render.launch import launch_text, private_beta_text, rule_line, rule_sources
from slackbot.render.mrkdwn import Md, code, joined, md, mention, quoted

STAGE_EMOJI = {
    Stage.ACCESS_REQUESTED: ":hourglass:",
    Stage.BUILDING: ":hammer_and_wrench:",
    Stage.IN_REVIEW: ":eyes:",
    Stage.CHANGES_REQUESTED: ":pencil2:",
    Stage.APPROVED: ":white_check_mark:",
    Stage.PRIVATE_BETA: ":lock:",
    Stage.PUBLIC_BETA: ":seedling:",
    Stage.PUBLIC: ":rocket:",
    Stage.DECLINED: ":no_entry:",
    Stage.WITHDRAWN: ":wave:",
}


NEXT_STEPS = {
    Stage.ACCESS_REQUESTED: "Segment reviews your access request (about 1 business day).",
    Stage.BUILDING: "Build and test locally, then open a pull request on action-destinations and submit it.",
    Stage.IN_REVIEW: "A Segment engineer reviews your pull request (2–3 business days).",
    Stage.CHANGES_REQUESTED: "Address the requested changes, push to your pull request and resubmit.",
    Stage.APPROVED: "Segment merges your pull request; merged by Tuesday 5 pm Pacific ships that Wednesday.",
    Stage.PRIVATE_BETA: "Share the private-beta URL with a customer and have them verify the integration.",
    Stage.PUBLIC_BETA: "Collect customer verifications; Segment approves the public (GA) launch.",
    Stage.PUBLIC: "You are live in the catalog. Keep the integration maintained.",
    Stage.DECLINED: (
        f"Access was declined. Questions about the decision: write to {SUPPORT_EMAIL}. `/devcenter join` tells you "
        "from when you may apply again."
    ),
    Stage.WITHDRAWN: "This integration was withdrawn. To come back, submit it under a new slug.",
}


def next_step(stage: Stage, *, merged: bool = False, release: date | None = None) -> str:
    """What happens next at this stage, and who it waits on (an approved PR already merged waits on the release)."""
    if stage is Stage.APPROVED and merged:
        when = f"the Wednesday release on {release:%a %b %-d}" if release else "the next Wednesday release"
        if release and release.weekday() != WEDNESDAY:  # a staff-declared emergency release
            when = f"the emergency release on {release:%a %b %-d}"
        return f"Merged: it ships in {when}; then you get the private-beta URL."
    return NEXT_STEPS[stage]


def status_text(report: StatusReport) -> Md:
    """Plain-text fallback (notifications, screen readers)."""
    parts = [
        md("{name} ({slug}): {stage}", name=i.name, slug=i.slug, stage=stage_label(i.stage))
        for i in report.integrations
    ]
    return md(
        "{partner}: {parts}",
        partner=report.partner_name,
        parts=joined("; ", parts) or stage_label(report.partner_stage),
    )


def integrations_blocks(report: StatusReport) -> list[Block]:
    """Each integration with its stage, what happens next, PR link and review due date."""
    blocks: list[Block] = [header(f"{report.partner_name[:140]} — status")]
    if not report.integrations:
        stage = report.partner_stage
        text = md(
            "{emoji} *{label}*\n{next}", emoji=STAGE_EMOJI[stage], label=stage_label(stage), next=next_step(stage)
        )
        blocks.append(section(text))
    shown = report.integrations[: (MAX_MESSAGE_BLOCKS - 3) // 2]
    for integration in shown:
        blocks += [DividerBlock(), section(_integration_text(integration, report.timezone))]
    if hidden := len(report.integrations) - len(shown):
        more = md("…and {hidden} more; use {command}.", hidden=hidden, command=code(f"{SLASH_COMMAND} status <slug>"))
        blocks.append(context(more))
    return checked(blocks)


def _integration_text(i: IntegrationSummary, timezone: str) -> Md:
    title = md(
        "{emoji} *{name}* ({slug}) — *{stage}*", emoji=STAGE_EMOJI[i.stage], name=i.name, slug=code(i.slug),
        stage=stage_label(i.stage),
    )  # fmt: skip
    lines = [title, md("Next: {next}", next=next_step(i.stage, merged=i.merged_at is not None, release=i.release))]
    due = i.review_due_at if i.stage is Stage.IN_REVIEW else None
    lines += integration_facts(
        timezone, pr_url=i.pr_url, review_due_at=due, merged_at=i.merged_at, shipped_in=i.released_in, bold=False
    )  # fmt: skip
    if i.changes is not None:
        lines.append(changes_text(i.changes, timezone))
    return joined("\n", lines)


def changes_text(changes: ChangeRequest, timezone: str) -> Md:
    """The latest changes Segment requested: who asked, when, and their words (quoted, escaped)."""
    asked = md(
        ":pencil2: *Segment requested changes* ({who}, {at}):", who=mention(changes.by), at=when(changes.at, timezone)
    )
    return joined("\n", [asked, quoted(changes.note or "(no reason given)")])


def status_blocks(report: LaunchReport) -> list[Block]:
    """/devcenter status, then the launch rule and, for each integration in beta, its URL and gates."""
    blocks = integrations_blocks(report.status)
    room = MAX_MESSAGE_BLOCKS - len(blocks) - 2
    for status in report.launches[: max(room // 2, 0)]:
        if status.stage is Stage.PRIVATE_BETA:
            blocks.append(section(private_beta_text(status.slug)))
        blocks.append(section(launch_text(status)))
    if report.launches and len(blocks) < MAX_MESSAGE_BLOCKS - 1:  # the rule matters only once in beta
        blocks.append(context(md("{rule}. {sources}", rule=rule_line(report.rule), sources=rule_sources(report.rule))))
    return checked(blocks[:MAX_MESSAGE_BLOCKS])
