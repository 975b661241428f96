"""Modals: the access survey, submit for review, a staff reason, a partner's answer."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from slackbot.domain.access import AGREEMENT, MAX_ANSWER, SURVEY_QUESTIONS
from slackbot.domain.reviews import KIND_LABELS, MOBILE_KIND
from slackbot.domain.text import MAX_NOTE
from slackbot.ids import BlockId, CallbackId
from slackbot.render.common import MAX_VIEW_BLOCKS, checked, section

AGREEMENT_LINKS = (
    "Read the <https://segment.com/legal/partnersagreement/|Segment Partner Program Agreement> and "
    "the <https://segment.com/legal/privacy/|Privacy Policy>."
)
AGREEMENT_TEXT = "I agree to the Partner Program Agreement and Privacy Policy"  # option text: ≤ 75 characters


def _text_input(
    block_id: str,
    label: str,
    *,
    multiline: bool = False,
    max_length: int | None = None,
    placeholder: str | None = None,
    initial: str | None = None,
    optional: bool = False,
) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label[:2000],
        optional=optional,
        element=PlainTextInputElement(
            action_id=block_id,
            multiline=multiline,
            max_length=max_length,
            initial_value=initial,
            placeholder=PlainTextObject(text=placeholder) if placeholder else None,
        ),
    )


def _modal(
    callback_id: str, title: str, submit: str, blocks: list[Block], metadata: dict[str, Any] | None = None
) -> View:
    return View(
        type="modal",
        callback_id=callback_id,
        title=title[:24],
        submit=submit,
        close="Cancel",
        private_metadata=json.dumps(metadata or {}),
        blocks=checked(blocks, MAX_VIEW_BLOCKS),
    )


def access_modal() -> View:
    """The partner survey (seed 003, Partner Access) and the agreement."""
    blocks: list[Block] = [
        section("Tell us about your company. The Segment team reviews requests in about one business day.")
    ]
    for key, label in SURVEY_QUESTIONS:
        long = key not in ("company", "website")
        blocks.append(
            _text_input(
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
    return _modal(CallbackId.ACCESS_REQUEST, "Request access", "Request access", blocks)


def submit_modal() -> View:
    """Submit (or resubmit) an integration's pull request for review."""
    kinds = [Option(value=kind.value, label=label) for kind, label in KIND_LABELS.items()]
    kinds.append(Option(value=MOBILE_KIND, label="Mobile device-mode destination"))
    blocks: list[Block] = [
        _text_input("name", "Integration name", max_length=100, placeholder="Acme Analytics"),
        _text_input("slug", "Slug", max_length=64, placeholder="acme-analytics"),
        InputBlock(
            block_id="kind",
            label="Kind",
            element=StaticSelectElement(action_id="kind", placeholder="Choose one", options=kinds),
        ),
        _text_input(
            "pr_url", "Pull request URL", placeholder="https://github.com/segmentio/action-destinations/pull/1234"
        ),
    ]
    return _modal(CallbackId.SUBMIT_FOR_REVIEW, "Submit for review", "Submit", blocks)


def note_modal(title: str, label: str, metadata: dict[str, Any]) -> View:
    """A staff reason (decline, request changes), carrying the clicked card in private_metadata."""
    return _modal(
        CallbackId.STAFF_NOTE,
        title,
        "Send",
        [_text_input(BlockId.NOTE, label, multiline=True, max_length=MAX_NOTE)],
        metadata,
    )


def answer_modal(what: str, request_id: int) -> View:
    """The partner answers a staff request."""
    return _modal(
        CallbackId.ANSWER_REQUEST,
        "Answer Segment",
        "Send answer",
        [
            section(f"Segment asked for *{what}*. Your answer goes to the reviewing engineer."),
            _text_input(BlockId.ANSWER, "Your answer", multiline=True, max_length=MAX_NOTE),
        ],
        {"request_id": request_id},
    )
