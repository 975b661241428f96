"""Announcements: `/devcenter announce [status]`, the compose modal, its preview and Send."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.models.views import View

from handlers.modals import ack_form, metadata, values
from handlers.routing import Invocation, Reply, form_route
from slackbot.domain.actors import Actor
from slackbot.domain.announcements import AnnounceField
from slackbot.ids import ActionId, CallbackId, Command
from slackbot.program import Program
from slackbot.render.announcements import EVERYONE, compose_modal, preview_modal, progress_blocks
from slackbot.render.common import section
from slackbot.render.mrkdwn import md
from slackbot.services import announcements
from slackbot.wire import AnnouncementMeta


def announce_route(call: Invocation) -> Reply | None:
    """`announce` (staff): the compose form; `announce status`: the delivery log of the newest one."""
    if call.args.lower() == "status":
        progress = announcements.progress(call.program, call.actor)
        return md("Announcement #{n}", n=progress.announcement_id), progress_blocks(progress)
    announcements.require_staff(call.actor)
    return form_route(compose_modal, "Write an announcement", ActionId.OPEN_ANNOUNCE_FORM)(call)


def open_announce_form(ack: Ack, body: dict[str, Any], client: WebClient, actor: Actor) -> None:
    """Button (mention reply): open the announcement composer (staff only)."""
    ack()
    announcements.require_staff(actor)
    client.views_open(trigger_id=body["trigger_id"], view=compose_modal())


def compose(ack: Ack, view: dict[str, Any], program: Program, actor: Actor) -> None:
    """Compose → preview (the dry run with the exact channel count)."""
    form = values(view)
    everyone = EVERYONE in (form.get(AnnounceField.NOTIFY) or [])
    ack_form(
        ack,
        lambda: announcements.draft(
            program, actor, form.get(AnnounceField.MESSAGE), form.get(AnnounceField.STAGES), notify_everyone=everyone
        ),
        "message",
        lambda preview: {"response_action": "update", "view": preview_modal(preview)},
    )


def send(ack: Ack, view: dict[str, Any], program: Program, actor: Actor) -> None:
    """Preview → send: one outbox message per channel."""
    announcement_id = metadata(view, AnnouncementMeta).announcement_id
    ack_form(
        ack,
        lambda: announcements.send(program, actor, announcement_id),
        "message",
        lambda sent: {"response_action": "update", "view": _queued(len(sent.channels))},
    )


def _queued(channels: int) -> View:
    text = md(
        "Queued for {channels} channels; it goes out at Slack's pace. `/devcenter announce status` shows the "
        "delivery log.",
        channels=channels,
    )
    return View(type="modal", title="Announcement", close="Done", blocks=[section(text)])


ROUTES = {Command.ANNOUNCE: announce_route}
ACTIONS = {ActionId.OPEN_ANNOUNCE_FORM: open_announce_form}
VIEWS = {CallbackId.ANNOUNCE_COMPOSE: compose, CallbackId.ANNOUNCE_SEND: send}
