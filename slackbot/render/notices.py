"""Partner and staff notifications of the submission lifecycle (outbox kinds → text and blocks)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, ButtonElement

from slackbot.domain.messages import MessageKind
from slackbot.domain.views.reviews import Card
from slackbot.ids import SLASH_COMMAND, ActionId
from slackbot.render.cards import card_blocks, card_text
from slackbot.render.common import checked, context, day_name, escape, section, when

Rendered = tuple[str, list[Any]]


def _release(p: dict[str, Any]) -> str:
    return day_name(date.fromisoformat(p["release"]))


def _plain(text: str, *extra: Any) -> Rendered:
    return text, checked([section(text), *extra])


def access_received(p: dict[str, Any]) -> Rendered:
    """To the requester: we got it."""
    return _plain(
        f"Thanks! We received the access request for *{escape(p['partner_name'])}*. The Segment team "
        "reviews it in about one business day; I'll message you here with the decision."
    )


def access_approved(p: dict[str, Any]) -> Rendered:
    """Access approved: what to do next."""
    return _plain(
        f":tada: *{escape(p['partner_name'])}* is approved for the Developer Center! Build your destination "
        "in `segmentio/action-destinations`, test it locally, open a pull request, then run "
        f"`{SLASH_COMMAND} submit` (or use my App Home)."
    )


def access_declined(p: dict[str, Any]) -> Rendered:
    """Access declined, with the reason."""
    return _plain(
        f"The access request for *{escape(p['partner_name'])}* was declined.\n>{escape(p.get('note') or '')}",
        context("Questions? Write to partner-support@segment.com."),
    )


def submission_ack(p: dict[str, Any]) -> Rendered:
    """Submission acknowledgement with the review due date."""
    due = datetime.fromisoformat(p["review_due_at"])
    return _plain(
        f":inbox_tray: We received *{escape(p['name'])}* (`{p['slug']}`) for review: <{p['pr_url']}>.\n"
        f"A Segment engineer reviews it (usually in 2–3 business days) — by *{when(due, p['timezone'])}*."
    )


def changes_requested(p: dict[str, Any]) -> Rendered:
    """Changes requested, with the reason."""
    return _plain(
        f":pencil2: <@{p['actor']}> requested changes on *{escape(p['name'])}* (`{p['slug']}`):\n"
        f">{escape(p.get('note') or '')}\nPush the changes to your pull request, then resubmit with "
        f"`{SLASH_COMMAND} submit`."
    )


def _request(p: dict[str, Any], what: str, detail: str) -> Rendered:
    text = f":question: Segment asks for *{what}* on *{escape(p['name'])}* (`{p['slug']}`). {detail}"
    answer = ActionsBlock(
        elements=[
            ButtonElement(text="Answer", action_id=ActionId.ANSWER_REQUEST, value=str(p["request_id"]), style="primary")
        ]
    )
    return _plain(text, answer)


def replay_info_request(p: dict[str, Any]) -> Rendered:
    """Request for replay compatibility info (seed 003, communications)."""
    return _request(
        p,
        "replay compatibility info",
        "Can your API take replayed (old, out-of-order) events? Tell us how it handles timestamps and duplicates.",
    )


def oauth_request(p: dict[str, Any]) -> Rendered:
    """Request to implement OAuth / Enable with Segment (seed 003)."""
    return _request(
        p,
        "OAuth / Enable with Segment",
        "One-click setup is required for general availability once "
        "5 customers use your integration. Tell us your plan.",
    )


def review_approved(p: dict[str, Any]) -> Rendered:
    """Review approved, with the Wednesday release it makes if merged by the cutoff."""
    cutoff = datetime.fromisoformat(p["cutoff"])
    return _plain(
        f":white_check_mark: *{escape(p['name'])}* (`{p['slug']}`) passed review! If it is merged by "
        f"*{when(cutoff, p['timezone'])}*, it ships in the {_release(p)} release."
    )


def merged(p: dict[str, Any]) -> Rendered:
    """Merged: which release it ships in."""
    return _plain(
        f":twisted_rightwards_arrows: *{escape(p['name'])}* (`{p['slug']}`) is merged and ships in the "
        f"{_release(p)} release. You'll get the private-beta link then."
    )


def request_answer(p: dict[str, Any]) -> Rendered:
    """In the staff card's thread: the partner's answer."""
    return _plain(
        f"<@{p['actor']}> answered the request for *{p.get('request') or 'information'}* on "
        f"`{p['slug']}`:\n>{escape(p['answer'] or '')}"
    )


def staff_card(p: dict[str, Any]) -> Rendered:
    """An access or review card for the staff channel."""
    card = Card.from_payload(p)
    as_of = card.history[-1].at if card.history else card.submitted_at  # renderers never read the clock
    return card_text(card), card_blocks(card, as_of or card.merged_at or datetime.min.replace(tzinfo=UTC))


def card_superseded(p: dict[str, Any]) -> Rendered:
    """Replaces an older review card after a resubmission (no buttons left)."""
    at = datetime.fromisoformat(p["at"])
    return _plain(
        f":arrows_counterclockwise: ~Review card~ — *{escape(p['name'])}* (`{p['slug']}`) was resubmitted "
        f"on {when(at, p['timezone'])}. Act on the newer card below."
    )


RENDERERS = {
    MessageKind.CARD_SUPERSEDED: card_superseded,
    MessageKind.ACCESS_CARD: staff_card,
    MessageKind.REVIEW_CARD: staff_card,
    MessageKind.ACCESS_RECEIVED: access_received,
    MessageKind.ACCESS_APPROVED: access_approved,
    MessageKind.ACCESS_DECLINED: access_declined,
    MessageKind.SUBMISSION_ACK: submission_ack,
    MessageKind.CHANGES_REQUESTED: changes_requested,
    MessageKind.REPLAY_INFO_REQUEST: replay_info_request,
    MessageKind.OAUTH_REQUEST: oauth_request,
    MessageKind.REVIEW_APPROVED: review_approved,
    MessageKind.MERGED: merged,
    MessageKind.REQUEST_ANSWER: request_answer,
}
