"""Announcements: the compose and preview modals, the message itself, and its delivery log."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticMultiSelectElement,
)
from slack_sdk.models.views import View

from slackbot.domain.lifecycle import Stage, stage_label
from slackbot.domain.views.releases import AnnouncementPreview, AnnouncementProgress
from slackbot.ids import CallbackId
from slackbot.render.common import MAX_VIEW_BLOCKS, Rendered, checked, context, escape, section


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
