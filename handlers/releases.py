"""Release day and announcements: the "Mark release shipped" button and the announcement modals."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View

from handlers.viewstate import ack_form, metadata, values
from slackbot.ids import ActionId, CallbackId
from slackbot.render import releases
from slackbot.render.common import section


def ship(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Staff: the release went out; move its integrations to private beta and announce it."""
    ack()
    card = context["services"].ship_release(context["actor"], date.fromisoformat(action["value"]))
    client.chat_update(
        channel=body["container"]["channel_id"],
        ts=body["container"]["message_ts"],
        text=releases.release_card_text(card),
        blocks=releases.release_card_blocks(card),
    )


def compose(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    """Compose → preview (the dry run with the exact channel count)."""
    form = values(view)
    ack_form(
        ack,
        lambda: context["services"].draft_announcement(context["actor"], form.get("message"), form.get("stages")),
        "message",
        lambda preview: {"response_action": "update", "view": releases.preview_modal(preview)},
    )


def send(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    """Preview → send: one outbox message per channel."""
    announcement_id = int(metadata(view)["announcement_id"])
    ack_form(
        ack,
        lambda: context["services"].send_announcement(context["actor"], announcement_id),
        "message",
        lambda sent: {
            "response_action": "update",
            "view": View(
                type="modal",
                title="Announcement",
                close="Done",
                blocks=[
                    section(
                        f"Queued for {len(sent.channels)} channels; it goes out at Slack's pace. "
                        "`/devcenter announce status` shows the delivery log."
                    )
                ],
            ),
        },
    )


ACTIONS = {ActionId.SHIP_RELEASE: ship}
VIEWS = {CallbackId.ANNOUNCE_COMPOSE: compose, CallbackId.ANNOUNCE_SEND: send}
