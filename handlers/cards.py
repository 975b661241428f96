"""Staff cards: refuse non-staff, ask for a reason where one is needed, decide, update the card; post a card."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from handlers.modals import ack_form, metadata, open_or_notice, values
from handlers.routing import Invocation, Reply
from slackbot.domain.actors import Actor
from slackbot.domain.lifecycle import TRANSITIONS, Action, Stage
from slackbot.domain.views.reviews import Card
from slackbot.ids import STAFF_ACTION_PREFIX, ActionId, BlockId, CallbackId, Command, staff_actions
from slackbot.program import Program
from slackbot.render.cards import card_blocks, card_text, note_modal
from slackbot.render.common import notice_modal, section
from slackbot.services.cards import check_staff_action, decide_on_card, post_card

NOTE_LABELS = {
    Action.DECLINE_ACCESS: "Why is access declined? (sent to the partner)",
    Action.REQUEST_CHANGES: "What needs to change? (sent to the partner)",
}


def staff_click(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """A staff button on a card."""
    ack()
    decision = Action(action["action_id"].removeprefix(STAFF_ACTION_PREFIX))
    subject_id, stage = action["value"].split(":")
    check_staff_action(program, actor, decision, int(subject_id))
    where = {"channel": body["container"]["channel_id"], "ts": body["container"]["message_ts"]}
    if TRANSITIONS[decision].needs_note:
        meta = {"action": decision.value, "subject_id": int(subject_id), "stage": stage, **where}
        label = TRANSITIONS[decision].label
        client.views_open(trigger_id=body["trigger_id"], view=note_modal(label, NOTE_LABELS[decision], meta))
        return
    _update(client, program, decide_on_card(program, actor, decision, int(subject_id), Stage(stage)), where)


def staff_note(ack: Ack, view: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """The reason modal of a staff decision."""
    meta, note = metadata(view), values(view).get(BlockId.NOTE)
    decision, subject_id, stage = Action(meta["action"]), meta["subject_id"], Stage(meta["stage"])
    card = ack_form(ack, lambda: decide_on_card(program, actor, decision, subject_id, stage, note), BlockId.NOTE)
    if card is not None:
        _update(client, program, card, meta)


def _update(client: WebClient, program: Program, card: Card, where: dict[str, Any]) -> None:
    """Show who did what on the card itself, with only the buttons still legal."""
    blocks = card_blocks(card, program.now())
    client.chat_update(channel=where["channel"], ts=where["ts"], text=card_text(card), blocks=blocks)


def card_route(call: Invocation) -> Reply:
    """`card <slug>` (staff): post the integration's card, with its launch gates, in the review channel."""
    if not call.args:
        return "Usage", [section("Usage: `/devcenter card <slug>`")]
    slug = post_card(call.program, call.actor, call.args)
    return f"Posted the card of {slug}", [section(f"Posted the card of `{slug}` in the review channel.")]


def post_card_button(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """Staff Home "Post card": the integration's card, with the approve button, in the review channel."""
    ack()

    def posted() -> Any:
        slug = post_card(program, actor, action["value"])
        return notice_modal("Review card", f"Posted the card of `{slug}` in <#{program.review_channel}>.")

    open_or_notice(client, body, posted)


ROUTES = {Command.CARD: card_route}
ACTIONS: dict[str, Any] = {action_id: staff_click for action_id in staff_actions()}
ACTIONS[ActionId.POST_CARD] = post_card_button
VIEWS = {CallbackId.STAFF_NOTE: staff_note}
