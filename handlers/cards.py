"""Staff card buttons: refuse non-staff, ask for a reason where one is needed, decide, update the card."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from handlers.viewstate import ack_form, metadata, values
from slackbot.domain.lifecycle import TRANSITIONS, Action, Stage
from slackbot.domain.views.reviews import Card
from slackbot.ids import STAFF_ACTION_PREFIX, BlockId, CallbackId, staff_actions
from slackbot.render import modals
from slackbot.render.cards import card_blocks, card_text

NOTE_LABELS = {
    Action.DECLINE_ACCESS: "Why is access declined? (sent to the partner)",
    Action.REQUEST_CHANGES: "What needs to change? (sent to the partner)",
}


def staff_click(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """A staff button on a card."""
    ack()
    services, decision = context["services"], Action(action["action_id"].removeprefix(STAFF_ACTION_PREFIX))
    subject_id, stage = action["value"].split(":")
    services.check_staff_action(context["actor"], decision, int(subject_id))
    where = {"channel": body["container"]["channel_id"], "ts": body["container"]["message_ts"]}
    if TRANSITIONS[decision].needs_note:
        meta = {"action": decision.value, "subject_id": int(subject_id), "stage": stage, **where}
        client.views_open(
            trigger_id=body["trigger_id"],
            view=modals.note_modal(TRANSITIONS[decision].label, NOTE_LABELS[decision], meta),
        )
        return
    _update(client, services, services.act(context["actor"], decision, int(subject_id), Stage(stage)), where)


def staff_note(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """The reason modal of a staff decision."""
    meta, services = metadata(view), context["services"]
    card = ack_form(
        ack,
        lambda: services.act(
            context["actor"],
            Action(meta["action"]),
            meta["subject_id"],
            Stage(meta["stage"]),
            values(view).get(BlockId.NOTE),
        ),
        BlockId.NOTE,
    )
    if card is not None:
        _update(client, services, card, meta)


def _update(client: WebClient, services: Any, card: Card, where: dict[str, Any]) -> None:
    """Show who did what on the card itself, with only the buttons still legal."""
    client.chat_update(
        channel=where["channel"], ts=where["ts"], text=card_text(card), blocks=card_blocks(card, services.clock())
    )


ACTIONS = {action_id: staff_click for action_id in staff_actions()}
VIEWS = {CallbackId.STAFF_NOTE: staff_note}
