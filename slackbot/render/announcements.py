"""Announcements: the compose and preview modals, the message itself, and its delivery log."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, CheckboxesElement, InputBlock, Option, StaticMultiSelectElement
from slack_sdk.models.views import View

from slackbot.domain.announcements import MAX_TEXT, AnnounceField
from slackbot.domain.lifecycle import Stage, stage_label
from slackbot.domain.messages.announcements import Announcement, ReleaseAnnouncement
from slackbot.domain.views.releases import AnnouncementPreview, AnnouncementProgress
from slackbot.ids import CallbackId
from slackbot.render.common import Rendered, checked, context, message, modal, section, text_input
from slackbot.render.mrkdwn import BROADCAST, Md, channel_ref, joined, md, quoted
from slackbot.wire import AnnouncementMeta

EVERYONE = "everyone"


def compose_modal() -> View:
    """Staff: write an announcement, choose its audience, and whether it notifies everyone (@channel)."""
    stages = [Option(value=s.value, label=stage_label(s)) for s in Stage if s not in (Stage.DECLINED,)]
    ping = Option(value=EVERYONE, text="Notify everyone in each channel (@channel)")
    blocks: list[Block] = [
        text_input(
            AnnounceField.MESSAGE, "Message (sent to every chosen channel)", multiline=True, max_length=MAX_TEXT
        ),
        InputBlock(
            block_id=AnnounceField.STAGES, label="Only partners with an integration at these stages", optional=True,
            element=StaticMultiSelectElement(
                action_id=AnnounceField.STAGES, placeholder="All partners", options=stages
            ),
        ),
        InputBlock(
            block_id=AnnounceField.NOTIFY, label="Notification", optional=True,
            element=CheckboxesElement(action_id=AnnounceField.NOTIFY, options=[ping]),
        ),
    ]  # fmt: skip
    return modal(CallbackId.ANNOUNCE_COMPOSE, "Announcement", "Preview", blocks)


def preview_modal(preview: AnnouncementPreview) -> View:
    """The dry run: the exact channels and the message, before anything is sent."""
    audience = ", ".join(stage_label(Stage(s)) for s in preview.stages) or "all partners"
    channels = joined(" ", (channel_ref(c) for c in preview.channels[:60]))
    more = f" …and {len(preview.channels) - 60} more" if len(preview.channels) > 60 else ""
    ping = (
        f":warning: *This pings everyone* in each of the {len(preview.channels)} channels (@channel): every member "
        "gets a notification."
        if preview.notify_everyone
        else ""
    )
    blocks: list[Block] = [
        section(
            md(
                "*Dry run* — nothing is sent until you press Send.\n*Audience:* {audience}\n*Channels ({count}):* "
                "{channels}{more}\n{ping}",
                audience=audience, count=len(preview.channels), channels=channels, more=more, ping=Md(ping),
            )
        ),
        section(quoted(preview.text)),
    ]  # fmt: skip
    names_a_ping = BROADCAST.search(preview.text) or "@channel" in preview.text or "@here" in preview.text
    if names_a_ping and not preview.notify_everyone:
        warning = (
            ":warning: The text names @channel/@here, but it will not ping anyone unless you tick *Notify everyone*."
        )
        blocks.append(context(Md(warning)))
    submit = f"Send to {len(preview.channels)} channels"
    return modal(CallbackId.ANNOUNCE_SEND, "Preview", submit, blocks, AnnouncementMeta(preview.announcement_id))


def progress_blocks(progress: AnnouncementProgress) -> list[Block]:
    """/devcenter announce status: the delivery log."""
    done, bar_len = progress.sent + progress.failed, 20
    filled = round(bar_len * done / progress.total) if progress.total else bar_len
    text = md(
        "*Announcement #{number}*  `{bar}`  {sent}/{total} delivered, {pending} waiting, {failed} failed\n{text}",
        number=progress.announcement_id, bar="█" * filled + "░" * (bar_len - filled), sent=progress.sent,
        total=progress.total, pending=progress.pending, failed=progress.failed, text=quoted(progress.text[:500]),
    )  # fmt: skip
    blocks: list[Block] = [section(text)]
    if progress.failed_channels:
        failed = joined(" ", (channel_ref(c) for c in progress.failed_channels[:50]))
        blocks.append(context(md("Failed: {channels}", channels=failed)))
    return checked(blocks)


def announcement(p: Announcement) -> Rendered:
    """The announcement itself, as staff wrote it (formatting kept, nothing pings unless staff chose to)."""
    body = md("{text}", text=p.text)
    return message(md("<!channel> {body}", body=body) if p.notify_everyone else body)


def release_announcement(p: ReleaseAnnouncement) -> Rendered:
    """A release shipped: the integrations now in private beta."""
    names = joined(", ", (md("*{name}*", name=name) for name in p.names))
    verb = "is" if len(p.names) == 1 else "are"
    return message(
        md(
            ":rocket: The {day} Developer Center release is out: {names} {verb} now in private beta.",
            day=f"{p.release:%B} {p.release.day}",
            names=names,
            verb=verb,
        )
    )
