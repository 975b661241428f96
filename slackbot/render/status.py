"""/devcenter status and /devcenter help."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock, PlainTextObject

from slackbot.domain.lifecycle import Stage, next_step, stage_label
from slackbot.domain.views.reviews import IntegrationSummary, StatusReport
from slackbot.ids import SLASH_COMMAND
from slackbot.render.common import MAX_MESSAGE_BLOCKS, checked, context, escape, section, when

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

HELP_LINES = (
    ("status", "where your integrations stand and what happens next (staff: `status <slug>`)"),
    ("ask <question>", "a cited answer to a build question (or just mention me with it)"),
    ("join", "request access to the Developer Center for your company"),
    ("submit", "submit (or resubmit) your integration's pull request for review"),
    ("checklist [slug]", "the Public Beta checklist: tick your items, see Segment's"),
    ("metadata [slug]", "catalog metadata (description, categories, SVG logo and mark, support, test account)"),
    ("verify [slug]", "record a customer who verified your integration in private beta"),
    ("history <slug>", "every recorded change of an integration"),
    ("card <slug>", "staff: post an integration's review card with the buttons legal now"),
    ("deploys", "the next Wednesday release, its cutoff, and which of your changes make it"),
    ("announce [status]", "staff: write a channel-wide announcement, or see its delivery log"),
    ("queue", "staff: everything waiting on Segment, oldest first"),
    ("help", "this list"),
)


def status_text(report: StatusReport) -> str:
    """Plain-text fallback (notifications, screen readers)."""
    parts = [f"{i.name} ({i.slug}): {stage_label(i.stage)}" for i in report.integrations]
    return f"{report.partner_name}: " + ("; ".join(parts) or stage_label(report.partner_stage))


def status_blocks(report: StatusReport) -> list[Block]:
    """Each integration with its stage, what happens next, PR link and review due date."""
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=f"{report.partner_name[:140]} — status"))]
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
    if i.pr_url:
        lines.append(f"Pull request: <{i.pr_url}|#{i.pr_url.rstrip('/').rsplit('/', 1)[-1]}>")
    if i.stage is Stage.IN_REVIEW and i.review_due_at:
        lines.append(f"Review due: {when(i.review_due_at, timezone)}")
    if i.merged_at:
        lines.append(f"Merged: {when(i.merged_at, timezone)}")
    return "\n".join(lines)


def help_text() -> str:
    """The command list as text."""
    return "\n".join(f"`{SLASH_COMMAND} {word}` — {what}" for word, what in HELP_LINES)


def help_blocks(unknown: str | None = None) -> list[Block]:
    """The command list; says so when the user typed something unknown."""
    intro = f"I don't know `{escape(unknown[:100])}`. " if unknown else ""
    return checked(
        [
            section(f"{intro}*Developer Center bot* — here is what I can do:\n{help_text()}"),
            context(
                "Slash commands unavailable in a shared channel? Mention me instead (`@DevCenter status`) "
                "or open my App Home."
            ),
        ]
    )


def error_blocks(message: str) -> list[Block]:
    """A friendly error (never a stack trace)."""
    return [section(f":warning: {message}")]
