"""/devcenter status and /devcenter help."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    DividerBlock,
)

from slackbot.domain.lifecycle import Stage, next_step, stage_label
from slackbot.domain.views.launch import LaunchReport
from slackbot.domain.views.reviews import IntegrationSummary, StatusReport
from slackbot.ids import SLASH_COMMAND
from slackbot.render.common import MAX_MESSAGE_BLOCKS, checked, context, escape, header, integration_facts, section
from slackbot.render.launch import launch_text, private_beta_text, rule_line, rule_sources

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


def status_text(report: StatusReport) -> str:
    """Plain-text fallback (notifications, screen readers)."""
    parts = [f"{i.name} ({i.slug}): {stage_label(i.stage)}" for i in report.integrations]
    return f"{report.partner_name}: " + ("; ".join(parts) or stage_label(report.partner_stage))


def integrations_blocks(report: StatusReport) -> list[Block]:
    """Each integration with its stage, what happens next, PR link and review due date."""
    blocks: list[Block] = [header(f"{report.partner_name[:140]} — status")]
    if not report.integrations:
        blocks.append(
            section(
                f"{STAGE_EMOJI[report.partner_stage]} *{stage_label(report.partner_stage)}*\n"
                f"{next_step(report.partner_stage)}"
            )
        )
    shown = report.integrations[: (MAX_MESSAGE_BLOCKS - 3) // 2]
    for integration in shown:
        blocks += [DividerBlock(), section(_integration_text(integration, report.timezone))]
    if hidden := len(report.integrations) - len(shown):
        blocks.append(context(f"…and {hidden} more; use `{SLASH_COMMAND} status <slug>`."))
    return checked(blocks)


def _integration_text(i: IntegrationSummary, timezone: str) -> str:
    lines = [
        f"{STAGE_EMOJI[i.stage]} *{escape(i.name)}* (`{i.slug}`) — *{stage_label(i.stage)}*",
        f"Next: {next_step(i.stage)}",
    ]
    due = i.review_due_at if i.stage is Stage.IN_REVIEW else None
    lines += integration_facts(timezone, pr_url=i.pr_url, review_due_at=due, merged_at=i.merged_at, bold=False)
    return "\n".join(lines)


def status_blocks(report: LaunchReport) -> list[Block]:
    """/devcenter status, then the launch rule and, for each integration in beta, its URL and gates."""
    blocks = integrations_blocks(report.status)
    room = MAX_MESSAGE_BLOCKS - len(blocks) - 2
    for status in report.launches[: max(room // 2, 0)]:
        if status.stage is Stage.PRIVATE_BETA:
            blocks.append(section(private_beta_text(status.slug)))
        blocks.append(section(launch_text(status)))
    if len(blocks) < MAX_MESSAGE_BLOCKS - 1:
        blocks.append(context(f"{rule_line(report.rule)}. {rule_sources(report.rule)}"))
    return checked(blocks[:MAX_MESSAGE_BLOCKS])
