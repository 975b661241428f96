"""Reviews: the submit form, staff requests and their answers, and what the partner is told at each step."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    InputBlock,
    Option,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from slackbot.domain.reviews import KIND_LABELS, MOBILE_KIND
from slackbot.domain.text import MAX_NOTE
from slackbot.ids import SLASH_COMMAND, ActionId, BlockId, CallbackId
from slackbot.render.common import Rendered, checked, day_name, escape, modal, section, text_input, when


def submit_modal() -> View:
    """Submit (or resubmit) an integration's pull request for review."""
    kinds = [Option(value=kind.value, label=label) for kind, label in KIND_LABELS.items()]
    kinds.append(Option(value=MOBILE_KIND, label="Mobile device-mode destination"))
    blocks: list[Block] = [
        text_input("name", "Integration name", max_length=100, placeholder="Acme Analytics"),
        text_input("slug", "Slug", max_length=64, placeholder="acme-analytics"),
        InputBlock(
            block_id="kind",
            label="Kind",
            element=StaticSelectElement(action_id="kind", placeholder="Choose one", options=kinds),
        ),
        text_input(
            "pr_url", "Pull request URL", placeholder="https://github.com/segmentio/action-destinations/pull/1234"
        ),
    ]
    return modal(CallbackId.SUBMIT_FOR_REVIEW, "Submit for review", "Submit", blocks)


def answer_modal(what: str, request_id: int) -> View:
    """The partner answers a staff request."""
    return modal(
        CallbackId.ANSWER_REQUEST,
        "Answer Segment",
        "Send answer",
        [
            section(f"Segment asked for *{what}*. Your answer goes to the reviewing engineer."),
            text_input(BlockId.ANSWER, "Your answer", multiline=True, max_length=MAX_NOTE),
        ],
        {"request_id": request_id},
    )


def _release(p: dict[str, Any]) -> str:
    return day_name(date.fromisoformat(p["release"]))


def plain(text: str, *extra: Any) -> Rendered:
    return text, checked([section(text), *extra])


def submission_ack(p: dict[str, Any]) -> Rendered:
    """Submission acknowledgement with the review due date."""
    due = datetime.fromisoformat(p["review_due_at"])
    return plain(
        f":inbox_tray: We received *{escape(p['name'])}* (`{p['slug']}`) for review: <{p['pr_url']}>.\n"
        f"A Segment engineer reviews it (usually in 2–3 business days) — by *{when(due, p['timezone'])}*."
    )


def changes_requested(p: dict[str, Any]) -> Rendered:
    """Changes requested, with the reason."""
    return plain(
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
    return plain(text, answer)


def replay_info_request(p: dict[str, Any]) -> Rendered:
    """Request for replay compatibility info (one of the emails the checklist promises)."""
    return _request(
        p,
        "replay compatibility info",
        "Can your API take replayed (old, out-of-order) events? Tell us how it handles timestamps and duplicates.",
    )


def oauth_request(p: dict[str, Any]) -> Rendered:
    """Request to implement OAuth / Enable with Segment."""
    return _request(
        p,
        "OAuth / Enable with Segment",
        "One-click setup is required for general availability once "
        "5 customers use your integration. Tell us your plan.",
    )


def review_approved(p: dict[str, Any]) -> Rendered:
    """Review approved, with the Wednesday release it makes if merged by the cutoff."""
    cutoff = datetime.fromisoformat(p["cutoff"])
    return plain(
        f":white_check_mark: *{escape(p['name'])}* (`{p['slug']}`) passed review! If it is merged by "
        f"*{when(cutoff, p['timezone'])}*, it ships in the {_release(p)} release."
    )


def merged(p: dict[str, Any]) -> Rendered:
    """Merged: which release it ships in."""
    return plain(
        f":twisted_rightwards_arrows: *{escape(p['name'])}* (`{p['slug']}`) is merged and ships in the "
        f"{_release(p)} release. You'll get the private-beta link then."
    )


def request_answer(p: dict[str, Any]) -> Rendered:
    """In the staff card's thread: the partner's answer."""
    return plain(
        f"<@{p['actor']}> answered the request for *{p.get('request') or 'information'}* on "
        f"`{p['slug']}`:\n>{escape(p['answer'] or '')}"
    )


def card_superseded(p: dict[str, Any]) -> Rendered:
    """Replaces an older review card after a resubmission (no buttons left)."""
    at = datetime.fromisoformat(p["at"])
    return plain(
        f":arrows_counterclockwise: ~Review card~ — *{escape(p['name'])}* (`{p['slug']}`) was resubmitted "
        f"on {when(at, p['timezone'])}. Act on the newer card below."
    )


def review_overdue(p: dict[str, Any]) -> Rendered:
    """To staff: a review passed its due date."""
    link = f" <{p['link']}|card>" if p.get("link") else ""
    text = (
        f":warning: Review of *{escape(p['name'])}* (`{p['slug']}`, {escape(p['partner_name'])}) was due "
        f"{when(datetime.fromisoformat(p['due']), p['timezone'])}.{link}"
    )
    return text, checked([section(text)])
