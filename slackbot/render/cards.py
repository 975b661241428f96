"""Staff cards: an access request or a review, with buttons rendered from the transition table."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
)
from slack_sdk.models.views import View

from slackbot.domain.lifecycle import TRANSITIONS, Action, Stage, stage_label
from slackbot.domain.messages.cards import AccessCard, CardSuperseded, CardUpdated, ReviewCard, SupersededBy
from slackbot.domain.text import MAX_NOTE
from slackbot.domain.views.launch import LaunchStatus
from slackbot.domain.views.reviews import Card, CardEvent
from slackbot.ids import BlockId, CallbackId, staff_action_id, staff_actions
from slackbot.render.common import (
    Rendered,
    checked,
    context,
    header,
    integration_facts,
    message,
    modal,
    section,
    text_input,
    when,
)
from slackbot.render.launch import blockers
from slackbot.render.mrkdwn import Md, code, joined, md, mention
from slackbot.wire import NoteMeta, encode_card

ACTION_VERBS = {
    Action.REQUEST_ACCESS: "requested access",
    Action.REAPPLY_ACCESS: "applied again",
    Action.APPROVE_ACCESS: "approved access",
    Action.DECLINE_ACCESS: "declined access",
    Action.SUBMIT_FOR_REVIEW: "submitted for review",
    Action.REQUEST_CHANGES: "requested changes",
    Action.REQUEST_REPLAY_INFO: "requested replay info",
    Action.REQUEST_OAUTH: "requested OAuth",
    Action.APPROVE_REVIEW: "approved the review",
    Action.MARK_MERGED: "marked it merged",
    Action.SHIP_RELEASE: "shipped the release",
    Action.WITHDRAW: "withdrew it",
}
NOTE_VERBS = {  # audit actions that are not lifecycle actions
    "closed_unmerged": "closed the pull request without merging",
    "commits_pushed": "pushed new commits",
}
STYLES = {Action.APPROVE_ACCESS: "primary", Action.APPROVE_REVIEW: "primary", Action.DECLINE_ACCESS: "danger"}
BUTTON_IDS = {a.value for a in staff_actions()}


def card_text(card: Card) -> Md:
    """Notification fallback text of a card."""
    return md("{title} — {stage}", title=card.title, stage=stage_label(card.stage))


def _facts(card: Card, now: datetime) -> Md:
    lines = [md("*Partner:* {name}", name=card.partner_name), md("*Stage:* {stage}", stage=stage_label(card.stage))]
    lines += integration_facts(
        card.timezone, pr_url=card.pr_url, submitted_at=card.submitted_at, merged_at=card.merged_at,
        review_due_at=card.review_due_at if card.stage is Stage.IN_REVIEW else None, overdue_at=now,
        ships=card.release,
    )  # fmt: skip
    if email := _email(card):
        lines.append(email)
    return joined("\n", lines)


def _email(card: Card) -> Md | None:
    """The partner's contact address, and why email does not reach it (turned off, refused by the mail server)."""
    email = card.email
    if email is None:
        return None
    if email.refused:
        at = when(email.refused_at, card.timezone) if email.refused_at else "earlier"
        return md(
            "*Email:* {email} — :warning: refused by the mail server ({at}): {why}. No email is sent until staff run "
            "`devcenter-bot partners set-email`.",
            email=email.address, at=at, why=email.refused[:300],
        )  # fmt: skip
    return md("*Email:* {email}{off}", email=email.address, off=Md(" (turned off by the partner)" if email.off else ""))


def _gates(status: LaunchStatus) -> Md:
    """The card's "why not" for the next launch step (private and public beta only)."""
    step = "Approve public beta" if status.stage is Stage.PRIVATE_BETA else "Approve public"
    verdict = Md("all gates pass") if status.ready else md("not yet — {why}", why=joined("; ", blockers(status)))
    return md(
        "*{step} ({key} v{version})*\n{verdict}. Confirmed customers: {confirmed}, waiting for confirmation: "
        "{pending}.",
        step=step, key=status.rule.key, version=status.rule.version, verdict=verdict, confirmed=status.confirmed,
        pending=status.pending,
    )  # fmt: skip


def _event(event: CardEvent, timezone: str) -> ContextBlock:
    known = event.action in Action._value2member_map_
    verb = ACTION_VERBS.get(Action(event.action), event.action) if known else NOTE_VERBS.get(event.action, event.action)
    note = md(": “{note}”", note=event.note[:300]) if event.note else Md("")
    text = md("{who} {verb} · {at}{note}", who=mention(event.actor), verb=verb.replace("_", " "),
              at=when(event.at, timezone), note=note)  # fmt: skip
    return context(text)


def _buttons(card: Card) -> list[ButtonElement]:
    return [
        ButtonElement(
            text=TRANSITIONS[Action(a)].label,
            action_id=staff_action_id(a),
            value=encode_card(card.subject_id, card.stage),
            style=STYLES.get(Action(a)),
        )
        for a in card.actions
        if f"lifecycle.{a}" in BUTTON_IDS
    ]


def card_blocks(card: Card, now: datetime) -> list[Block]:
    """The card: facts, what happened (who, when), and the buttons legal now."""
    blocks: list[Block] = [header(card.title), section(_facts(card, now))]
    if card.facts:
        answers = joined("\n", (md("*{label}*\n{value}", label=label, value=value) for label, value in card.facts))
        blocks.append(section(answers))
    if card.launch is not None:
        blocks.append(section(_gates(card.launch)))
    blocks += [_event(event, card.timezone) for event in card.history[-8:]]
    if buttons := _buttons(card):
        blocks.append(
            ActionsBlock(block_id=f"{BlockId.CARD_ACTIONS}:{card.subject}:{card.subject_id}", elements=buttons)
        )
    else:
        blocks.append(context(Md("No staff action is open at this stage.")))
    return checked(blocks)


def note_modal(title: str, label: str, metadata: NoteMeta) -> View:
    """A staff reason (decline, request changes), carrying the clicked card in private_metadata."""
    blocks: list[Block] = [text_input(BlockId.NOTE, label, multiline=True, max_length=MAX_NOTE)]
    return modal(CallbackId.STAFF_NOTE, title, "Send", blocks, metadata)


def staff_card(p: AccessCard | ReviewCard | CardUpdated) -> Rendered:
    """An access or review card for the staff channel (or the same card, edited after a change made elsewhere)."""
    card = p.card
    as_of = card.history[-1].at if card.history else card.submitted_at  # renderers never read the clock
    return card_text(card), card_blocks(card, as_of or card.merged_at or datetime.min.replace(tzinfo=UTC))


SUPERSEDED = {
    SupersededBy.RESUBMISSION: "*{name}* ({slug}) was resubmitted on {at}",
    SupersededBy.NEWER_CARD: "a newer card of *{name}* ({slug}) was posted on {at}",
}


def card_superseded(p: CardSuperseded) -> Rendered:
    """Replaces an older review card after a resubmission or a newer card (no buttons left)."""
    why = md(SUPERSEDED[p.by], name=p.name, slug=code(p.slug), at=when(p.at, p.timezone))
    return message(md(":arrows_counterclockwise: ~Review card~ — {why}. Act on the newer card below.", why=why))
