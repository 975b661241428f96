"""Staff cards: an access request or a review, with buttons rendered from the transition table."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, HeaderBlock, PlainTextObject

from slackbot.domain.lifecycle import TRANSITIONS, Action, stage_label
from slackbot.domain.views.reviews import Card
from slackbot.ids import BlockId, staff_action_id, staff_actions
from slackbot.render.common import checked, context, escape, section, when

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


def card_blocks(card: Card, now: datetime) -> list[Block]:
    """The card: facts, what happened (who, when), and the buttons legal now."""
    lines = [f"*Partner:* {escape(card.partner_name)}", f"*Stage:* {stage_label(card.stage)}"]
    if card.pr_url:
        lines.append(f"*Pull request:* <{card.pr_url}>")
    if card.submitted_at:
        lines.append(f"*Submitted:* {when(card.submitted_at, card.timezone)}")
    if card.review_due_at and card.stage.value == "in_review":
        overdue = " :warning: *overdue*" if now > card.review_due_at else ""
        lines.append(f"*Review due:* {when(card.review_due_at, card.timezone)}{overdue}")
    if card.merged_at:
        lines.append(f"*Merged:* {when(card.merged_at, card.timezone)}")
    if card.release:
        lines.append(f"*Release:* Wednesday {card.release:%b} {card.release.day}")
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=card.title[:150])), section("\n".join(lines))]
    if card.facts:
        blocks.append(section("\n".join(f"*{escape(label)}*\n{escape(value)}" for label, value in card.facts)))
    for event in card.history[-8:]:
        verb = (
            ACTION_VERBS.get(Action(event.action), event.action.replace("_", " "))
            if event.action in Action._value2member_map_
            else event.action.replace("_", " ")
        )
        note = f": “{escape(event.note[:300])}”" if event.note else ""
        blocks.append(context(f"<@{event.actor}> {verb} · {when(event.at, card.timezone)}{note}"))
    buttons = [
        ButtonElement(
            text=TRANSITIONS[Action(a)].label,
            action_id=staff_action_id(a),
            value=f"{card.subject_id}:{card.stage.value}",
            style=STYLES.get(Action(a)),
        )
        for a in card.actions
        if f"lifecycle.{a}" in BUTTON_IDS
    ]
    if buttons:
        blocks.append(
            ActionsBlock(block_id=f"{BlockId.CARD_ACTIONS}:{card.subject}:{card.subject_id}", elements=buttons)
        )
    else:
        blocks.append(context("No staff action is open at this stage."))
    return checked(blocks)
