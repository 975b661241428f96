"""Staff cards: an access request or a review, with buttons rendered from the transition table."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
)
from slack_sdk.models.views import View

from slackbot.domain.lifecycle import TRANSITIONS, Action, Stage, stage_label
from slackbot.domain.text import MAX_NOTE
from slackbot.domain.views.reviews import Card, CardEvent
from slackbot.ids import BlockId, CallbackId, staff_action_id, staff_actions
from slackbot.render.common import (
    Rendered,
    checked,
    context,
    escape,
    header,
    integration_facts,
    modal,
    section,
    text_input,
    when,
)

ACTION_VERBS = {
    Action.REQUEST_ACCESS: "requested access",
    Action.APPROVE_ACCESS: "approved access",
    Action.DECLINE_ACCESS: "declined access",
    Action.SUBMIT_FOR_REVIEW: "submitted for review",
    Action.REQUEST_CHANGES: "requested changes",
    Action.REQUEST_REPLAY_INFO: "requested replay info",
    Action.REQUEST_OAUTH: "requested OAuth",
    Action.APPROVE_REVIEW: "approved the review",
    Action.MARK_MERGED: "marked it merged",
    Action.SHIP_RELEASE: "shipped the release",
}
STYLES = {Action.APPROVE_ACCESS: "primary", Action.APPROVE_REVIEW: "primary", Action.DECLINE_ACCESS: "danger"}
BUTTON_IDS = {a.value for a in staff_actions()}


def card_text(card: Card) -> str:
    """Notification fallback text of a card."""
    return f"{card.title} — {stage_label(card.stage)}"


def _facts(card: Card, now: datetime) -> str:
    lines = [f"*Partner:* {escape(card.partner_name)}", f"*Stage:* {stage_label(card.stage)}"]
    lines += integration_facts(
        card.timezone, pr_url=card.pr_url, submitted_at=card.submitted_at, merged_at=card.merged_at,
        review_due_at=card.review_due_at if card.stage is Stage.IN_REVIEW else None, overdue_at=now,
        ships=card.release,
    )  # fmt: skip
    return "\n".join(lines)


def _event(event: CardEvent, timezone: str) -> ContextBlock:
    known = event.action in Action._value2member_map_
    verb = ACTION_VERBS.get(Action(event.action), event.action.replace("_", " ")) if known else event.action
    note = f": “{escape(event.note[:300])}”" if event.note else ""
    return context(f"<@{event.actor}> {verb.replace('_', ' ')} · {when(event.at, timezone)}{note}")


def _buttons(card: Card) -> list[ButtonElement]:
    return [
        ButtonElement(
            text=TRANSITIONS[Action(a)].label,
            action_id=staff_action_id(a),
            value=f"{card.subject_id}:{card.stage.value}",
            style=STYLES.get(Action(a)),
        )
        for a in card.actions
        if f"lifecycle.{a}" in BUTTON_IDS
    ]


def card_blocks(card: Card, now: datetime) -> list[Block]:
    """The card: facts, what happened (who, when), and the buttons legal now."""
    blocks: list[Block] = [header(card.title), section(_facts(card, now))]
    if card.facts:
        blocks.append(section("\n".join(f"*{escape(label)}*\n{escape(value)}" for label, value in card.facts)))
    blocks += [_event(event, card.timezone) for event in card.history[-8:]]
    if buttons := _buttons(card):
        blocks.append(
            ActionsBlock(block_id=f"{BlockId.CARD_ACTIONS}:{card.subject}:{card.subject_id}", elements=buttons)
        )
    else:
        blocks.append(context("No staff action is open at this stage."))
    return checked(blocks)


def note_modal(title: str, label: str, metadata: dict[str, Any]) -> View:
    """A staff reason (decline, request changes), carrying the clicked card in private_metadata."""
    return modal(
        CallbackId.STAFF_NOTE,
        title,
        "Send",
        [text_input(BlockId.NOTE, label, multiline=True, max_length=MAX_NOTE)],
        metadata,
    )


def staff_card(p: dict[str, Any]) -> Rendered:
    """An access or review card for the staff channel."""
    card = Card.from_payload(p)
    as_of = card.history[-1].at if card.history else card.submitted_at  # renderers never read the clock
    return card_text(card), card_blocks(card, as_of or card.merged_at or datetime.min.replace(tzinfo=UTC))
