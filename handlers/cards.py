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
from slackbot.render.mrkdwn import Md, channel_ref, code, md
from slackbot.services.cards import check_staff_action, decide_on_card, post_card
from slackbot.wire import NoteMeta, decode_action, decode_card, decode_slug

NOTE_LABELS = {
    Action.DECLINE_ACCESS: "Why is access declined? (sent to the partner)",
    Action.REQUEST_CHANGES: "What needs to change? (sent to the partner)",
}


def staff_click(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """A staff button on a card."""
    ack()
    decision = decode_action(action.get("action_id"), STAFF_ACTION_PREFIX)
    subject_id, stage = decode_card(action.get("value"))
    check_staff_action(program, actor, decision, subject_id)
    where = body["container"]
    if TRANSITIONS[decision].needs_note:
        meta = NoteMeta(decision.value, subject_id, stage.value, where["channel_id"], where["message_ts"])
        label = TRANSITIONS[decision].label
        client.views_open(trigger_id=body["trigger_id"], view=note_modal(label, NOTE_LABELS[decision], meta))
        return
    card = decide_on_card(program, actor, decision, subject_id, stage)
    _update(client, program, card, where["channel_id"], where["message_ts"])


def staff_note(ack: Ack, view: dict[str, Any], client: WebClient, program: Program, actor: Actor) -> None:
    """The reason modal of a staff decision."""
    meta = metadata(view, NoteMeta)
    note = values(view).get(BlockId.NOTE)
    decision, stage = Action(meta.action), Stage(meta.stage)
    card = ack_form(ack, lambda: decide_on_card(program, actor, decision, meta.subject_id, stage, note), BlockId.NOTE)
    if card is not None:
        _update(client, program, card, meta.channel, meta.ts)


def _update(client: WebClient, program: Program, card: Card, channel: str, ts: str) -> None:
    """Show who did what on the card itself, with only the buttons still legal."""
    client.chat_update(channel=channel, ts=ts, text=card_text(card), blocks=card_blocks(card, program.now()))


def card_route(call: Invocation) -> Reply:
    """`card <slug>` (staff): post the integration's card, with its launch gates, in the review channel."""
    if not call.args:
        return Md("Usage"), [section(Md("Usage: `/devcenter card <slug>`"))]
    slug = post_card(call.program, call.actor, call.args)
    text = md("Posted the card of {slug} in the review channel.", slug=code(slug))
    return text, [section(text)]


def post_card_button(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, program: Program, actor: Actor
) -> None:
    """Staff Home "Post card": the integration's card, with the approve button, in the review channel."""
    ack()

    def posted() -> Any:
        slug = post_card(program, actor, decode_slug(action.get("value")))
        where = channel_ref(program.review_channel or "")
        return notice_modal("Review card", md("Posted the card of {slug} in {where}.", slug=code(slug), where=where))

    open_or_notice(client, body, posted)


ROUTES = {Command.CARD: card_route}
ACTIONS: dict[str, Any] = {action_id: staff_click for action_id in staff_actions()}
ACTIONS[ActionId.POST_CARD] = post_card_button
VIEWS = {CallbackId.STAFF_NOTE: staff_note}
