"""Release views: deploy windows, the release-day card, announcements and their delivery log."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    HeaderBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticMultiSelectElement,
)
from slack_sdk.models.views import View

from slackbot.domain.lifecycle import Stage, stage_label
from slackbot.domain.messages import MessageKind
from slackbot.domain.views.releases import AnnouncementPreview, AnnouncementProgress, DeployReport, ReleaseCard
from slackbot.ids import ActionId, CallbackId
from slackbot.render.common import MAX_VIEW_BLOCKS, checked, context, day_name, escape, section, when

Rendered = tuple[str, list[Any]]


def _left(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, hours, mins = minutes // 1440, minutes % 1440 // 60, minutes % 60
    return " ".join(part for part in (f"{days}d" if days else "", f"{hours}h" if hours else "", f"{mins}m") if part)


def deploy_blocks(report: DeployReport, timezone: str) -> list[Block]:
    """Next release, time left to the cutoff, and the partner's changes that make it or not."""
    window = report.window
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=f"Next release: {day_name(window.release)}")),
        section(
            f"Changes approved *and merged* by *{when(window.cutoff, timezone)}* ship in it "
            f"({_left(report.time_left)} left). Later merges ship the Wednesday after."
        ),
    ]
    rows = [
        (":white_check_mark: Makes it", report.makes_it),
        (":hourglass: Misses it", report.misses),
        (":twisted_rightwards_arrows: Approved, waiting for Segment to merge", report.waiting_merge),
    ]
    for title, items in rows:
        if items:
            lines = "\n".join(
                f"• *{escape(i.name)}* (`{i.slug}`)" + (f" → {day_name(i.release)}" if i.release else "") for i in items
            )
            blocks.append(section(f"{title}\n{lines}"))
    if report.frozen:
        blocks.append(context("No release (freeze): " + ", ".join(day_name(d) for d in report.frozen[:10])))
    return checked(blocks)


def release_card(p: dict[str, Any]) -> Rendered:
    """Release day for staff: what ships, and the button (or who shipped it)."""
    card = ReleaseCard.from_payload(p)
    return release_card_text(card), release_card_blocks(card)


def release_card_text(card: ReleaseCard) -> str:
    """Fallback text of the release card."""
    return f"Release {card.release.isoformat()}: {len(card.items)} integrations"


def release_card_blocks(card: ReleaseCard) -> list[Block]:
    """The release card's blocks."""
    items = "\n".join(f"• *{escape(i.name)}* (`{i.slug}`) — {escape(i.partner_name)}" for i in card.items[:40])
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=f"Release day: {day_name(card.release)}")),
        section(items or "Nothing is approved and merged for this release."),
    ]
    if card.shipped_by and card.shipped_at:
        blocks.append(
            context(
                f":rocket: Shipped by <@{card.shipped_by}> · {when(card.shipped_at, card.timezone)} — "
                f"{len(card.items)} moved to private beta"
            )
        )
    elif card.items:
        blocks.append(
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text="Mark release shipped",
                        action_id=ActionId.SHIP_RELEASE,
                        value=card.release.isoformat(),
                        style="primary",
                    )
                ]
            )
        )
    return checked(blocks)


def compose_modal() -> View:
    """Staff: write an announcement and choose its audience."""
    stages = [Option(value=s.value, label=stage_label(s)) for s in Stage if s not in (Stage.DECLINED,)]
    return View(
        type="modal",
        callback_id=CallbackId.ANNOUNCE_COMPOSE,
        title="Announcement",
        submit="Preview",
        close="Cancel",
        blocks=checked(
            [
                InputBlock(
                    block_id="message",
                    label="Message (sent to every chosen channel)",
                    element=PlainTextInputElement(action_id="message", multiline=True, max_length=2900),
                ),
                InputBlock(
                    block_id="stages",
                    label="Only partners with an integration at these stages",
                    optional=True,
                    element=StaticMultiSelectElement(action_id="stages", placeholder="All partners", options=stages),
                ),
            ],
            MAX_VIEW_BLOCKS,
        ),
    )


def preview_modal(preview: AnnouncementPreview) -> View:
    """The dry run: the exact channels and the message, before anything is sent."""
    audience = ", ".join(stage_label(Stage(s)) for s in preview.stages) or "all partners"
    channels = " ".join(f"<#{c}>" for c in preview.channels[:60])
    more = f" …and {len(preview.channels) - 60} more" if len(preview.channels) > 60 else ""
    return View(
        type="modal",
        callback_id=CallbackId.ANNOUNCE_SEND,
        title="Preview",
        submit=f"Send to {len(preview.channels)} channels",
        close="Cancel",
        private_metadata=json.dumps({"announcement_id": preview.announcement_id}),
        blocks=checked(
            [
                section(
                    f"*Dry run* — nothing is sent until you press Send.\n*Audience:* {audience}\n"
                    f"*Channels ({len(preview.channels)}):* {channels}{more}"
                ),
                section(f">{escape(preview.text)}"),
            ],
            MAX_VIEW_BLOCKS,
        ),
    )


def progress_blocks(progress: AnnouncementProgress) -> list[Block]:
    """/devcenter announce status: the delivery log."""
    done = progress.sent + progress.failed
    bar_len = 20
    filled = round(bar_len * done / progress.total) if progress.total else bar_len
    bar = "█" * filled + "░" * (bar_len - filled)
    blocks: list[Block] = [
        section(
            f"*Announcement #{progress.announcement_id}*  `{bar}`  {progress.sent}/"
            f"{progress.total} delivered, {progress.pending} waiting, {progress.failed} "
            f"failed\n>{escape(progress.text[:500])}"
        )
    ]
    if progress.failed_channels:
        blocks.append(context("Failed: " + " ".join(f"<#{c}>" for c in progress.failed_channels[:50])))
    return checked(blocks)


def announcement(p: dict[str, Any]) -> Rendered:
    """The announcement itself, as posted in each channel."""
    return p["text"], checked([section(p["text"])])  # staff-written mrkdwn: links and mentions allowed


def private_beta(p: dict[str, Any]) -> Rendered:
    """To the partner: shipped to private beta, with the URL and what to do next."""
    text = (
        f":lock: *{escape(p['name'])}* shipped in the {p['release']} release and is in *private beta*. It is not "
        f"listed in the catalog yet; you and your customers reach it at <{p['url']}>."
    )
    return text, checked(
        [
            section(text),
            section(
                "Next: check that the catalog page renders correctly, then invite one or more customers to install it from "
                "that URL. At least one customer must verify that it works before it can go public; record each "
                "verification with `/devcenter verify` or from my App Home."
            ),
        ]
    )


def cutoff_reminder(p: dict[str, Any]) -> Rendered:
    """To the partner on cutoff day."""
    cutoff = datetime.fromisoformat(p["cutoff"])
    text = (
        f":alarm_clock: *{escape(p['name'])}* is approved but not merged yet. Changes merged by "
        f"*{when(cutoff, p['timezone'])}* ship on {day_name(date.fromisoformat(p['release']))}; reply here if "
        "anything still blocks the merge."
    )
    return text, checked([section(text)])


def review_overdue(p: dict[str, Any]) -> Rendered:
    """To staff: a review passed its due date."""
    link = f" <{p['link']}|card>" if p.get("link") else ""
    text = (
        f":warning: Review of *{escape(p['name'])}* (`{p['slug']}`, {escape(p['partner_name'])}) was due "
        f"{when(datetime.fromisoformat(p['due']), p['timezone'])}.{link}"
    )
    return text, checked([section(text)])


RENDERERS = {
    MessageKind.PRIVATE_BETA: private_beta,
    MessageKind.RELEASE_CARD: release_card,
    MessageKind.ANNOUNCEMENT: announcement,
    MessageKind.CUTOFF_REMINDER: cutoff_reminder,
    MessageKind.REVIEW_OVERDUE: review_overdue,
}
