"""Access requests: the survey modal and what the requester is told."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    InputBlock,
    Option,
)
from slack_sdk.models.views import View

from slackbot.domain.access import AGREEMENT, MAX_ANSWER, SURVEY_QUESTIONS
from slackbot.ids import SLASH_COMMAND, CallbackId
from slackbot.render.common import Rendered, context, escape, modal, section, text_input
from slackbot.render.reviews import plain

AGREEMENT_LINKS = (
    "Read the <https://segment.com/legal/partnersagreement/|Segment Partner Program Agreement> and "
    "the <https://segment.com/legal/privacy/|Privacy Policy>."
)


AGREEMENT_TEXT = "I agree to the Partner Program Agreement and Privacy Policy"  # option text: ≤ 75 characters


def access_modal() -> View:
    """The partner survey of the Public Beta checklist (1. Partner Access) and the agreement."""
    blocks: list[Block] = [
        section("Tell us about your company. The Segment team reviews requests in about one business day.")
    ]
    for key, label in SURVEY_QUESTIONS:
        long = key not in ("company", "website")
        blocks.append(
            text_input(
                key,
                label,
                multiline=long,
                max_length=MAX_ANSWER,
                placeholder="https://acme.example.com" if key == "website" else None,
            )
        )
    blocks.append(section(AGREEMENT_LINKS))
    blocks.append(
        InputBlock(
            block_id=AGREEMENT,
            label="Agreement",
            element=CheckboxesElement(action_id=AGREEMENT, options=[Option(value="agreed", text=AGREEMENT_TEXT)]),
        )
    )
    return modal(CallbackId.ACCESS_REQUEST, "Request access", "Request access", blocks)


def access_received(p: dict[str, Any]) -> Rendered:
    """To the requester: we got it."""
    return plain(
        f"Thanks! We received the access request for *{escape(p['partner_name'])}*. The Segment team "
        "reviews it in about one business day; I'll message you here with the decision."
    )


def access_approved(p: dict[str, Any]) -> Rendered:
    """Access approved: what to do next."""
    return plain(
        f":tada: *{escape(p['partner_name'])}* is approved for the Developer Center! Build your destination "
        "in `segmentio/action-destinations`, test it locally, open a pull request, then run "
        f"`{SLASH_COMMAND} submit` (or use my App Home)."
    )


def access_declined(p: dict[str, Any]) -> Rendered:
    """Access declined, with the reason."""
    return plain(
        f"The access request for *{escape(p['partner_name'])}* was declined.\n>{escape(p.get('note') or '')}",
        context("Questions? Write to partner-support@segment.com."),
    )
