"""Reviews: the submit form, staff requests and their answers, and what the partner is told at each step."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, InputBlock, Option, StaticSelectElement
from slack_sdk.models.views import View

from slackbot.domain.messages.reviews import (
    ChangesRequested,
    Merged,
    OAuthRequest,
    ReplayInfoRequest,
    RequestAnswer,
    RequestAnswered,
    ReviewApproved,
    ReviewOverdue,
    SubmissionAck,
)
from slackbot.domain.reviews import KIND_LABELS, MOBILE_KIND, SubmitField
from slackbot.domain.text import MAX_NOTE
from slackbot.domain.urls import PR_EXAMPLE
from slackbot.domain.views.reviews import SubmitDraft
from slackbot.ids import SLASH_COMMAND, ActionId, BlockId, CallbackId
from slackbot.render.common import Rendered, day_name, message, modal, notice_modal, section, text_input, when
from slackbot.render.mrkdwn import Md, code, link, md, mention, quoted
from slackbot.wire import RequestMeta, encode_id


def submit_modal(draft: SubmitDraft | None = None) -> View:
    """Submit (or resubmit, prefilled with the last submission) an integration's pull request for review."""
    kinds = [Option(value=kind.value, label=label) for kind, label in KIND_LABELS.items()]
    kinds.append(Option(value=MOBILE_KIND, label="Mobile device-mode destination"))
    chosen = next((o for o in kinds if draft is not None and o.value == draft.kind), None)
    select = StaticSelectElement(
        action_id=SubmitField.KIND, placeholder="Choose one", options=kinds, initial_option=chosen
    )
    blocks: list[Block] = [
        text_input(SubmitField.NAME, "Integration name", max_length=100, placeholder="Acme Analytics",
                   initial=draft.name if draft else None),
        text_input(SubmitField.SLUG, "Slug", max_length=64, placeholder="acme-analytics",
                   initial=draft.slug if draft else None),
        InputBlock(block_id=SubmitField.KIND, label="Kind", element=select),
        text_input(SubmitField.PR_URL, "Pull request URL", placeholder=PR_EXAMPLE,
                   initial=draft.pr_url if draft else None),
    ]  # fmt: skip
    if draft is not None:
        blocks.insert(0, section(md("Resubmitting {slug}: check the details, then submit.", slug=code(draft.slug))))
    return modal(CallbackId.SUBMIT_FOR_REVIEW, "Submit for review", "Submit", blocks)


def submit_prompt(draft: SubmitDraft | None) -> Rendered:
    """After a mention (no modal can open there): a button that opens the submit form."""
    button = ButtonElement(
        text="Submit for review", action_id=ActionId.OPEN_SUBMIT_FORM, value=draft.slug if draft else None,
        style="primary",
    )  # fmt: skip
    return message(Md("Press the button to submit for review."), ActionsBlock(elements=[button]))


def answer_modal(what: str, request_id: int, *, from_home: bool = False) -> View:
    """The partner answers a staff request."""
    blocks: list[Block] = [
        section(md("Segment asked for *{what}*. Your answer goes to the reviewing engineer.", what=what)),
        text_input(BlockId.ANSWER, "Your answer", multiline=True, max_length=MAX_NOTE),
    ]
    meta = RequestMeta(request_id, from_home)
    return modal(CallbackId.ANSWER_REQUEST, "Answer Segment", "Send answer", blocks, meta)


def answer_sent_modal(what: str) -> View:
    """The answer modal once the answer was sent."""
    text = md(
        ":white_check_mark: Sent. Your answer on *{what}* is in the thread of the Segment review card, and the "
        "request no longer waits on you.",
        what=what,
    )
    return notice_modal("Answer sent", text, close="Done")


def _integration(name: str, slug: str) -> Md:
    return md("*{name}* ({slug})", name=name, slug=code(slug))


def submission_ack(p: SubmissionAck) -> Rendered:
    """Submission acknowledgement with the review due date."""
    return message(
        md(
            ":inbox_tray: We received {integration} for review: {pr}.\nA Segment engineer reviews it (usually in "
            "2–3 business days) — by *{due}*.",
            integration=_integration(p.name, p.slug),
            pr=link(p.pr_url),
            due=when(p.review_due_at, p.timezone),
        )
    )


def changes_requested(p: ChangesRequested) -> Rendered:
    """Changes requested, with the reason (and the review on GitHub, when it came from there) and a Resubmit button
    (the form comes prefilled)."""
    review = md(" ({review})", review=link(p.link, "the review on GitHub")) if p.link else Md("")
    resubmit = ButtonElement(text="Resubmit", action_id=ActionId.OPEN_SUBMIT_FORM, value=p.slug, style="primary")
    return message(
        md(
            ":pencil2: {who} requested changes on {integration}{review}:\n{note}\nPush the changes to your pull "
            "request, then resubmit (the button, or `{command} submit`).",
            who=mention(p.actor),
            integration=_integration(p.name, p.slug),
            review=review,
            note=quoted(p.note),
            command=SLASH_COMMAND,
        ),
        ActionsBlock(elements=[resubmit]),
    )


def _request(name: str, slug: str, request_id: int, what: str, detail: str) -> Rendered:
    text = md(
        ":question: Segment asks for *{what}* on {integration}. {detail}",
        what=what,
        integration=_integration(name, slug),
        detail=detail,
    )
    answer = ButtonElement(
        text="Answer", action_id=ActionId.ANSWER_REQUEST, value=encode_id(request_id), style="primary"
    )
    return message(text, ActionsBlock(elements=[answer]))


def request_answered(p: RequestAnswered) -> Rendered:
    """A staff request message once answered: what was asked, who answered and when; no Answer button."""
    return message(
        md(
            ":white_check_mark: Segment asked for *{what}* on {integration}.\nAnswered by {who} at {at}.",
            what=p.request, integration=_integration(p.name, p.slug), who=mention(p.actor), at=when(p.at, p.timezone),
        )
    )  # fmt: skip


def replay_info_request(p: ReplayInfoRequest) -> Rendered:
    """Request for replay compatibility info (one of the emails the checklist promises)."""
    detail = "Can your API take replayed (old, out-of-order) events? Tell us how it handles timestamps and duplicates."
    return _request(p.name, p.slug, p.request_id, "replay compatibility info", detail)


def oauth_request(p: OAuthRequest) -> Rendered:
    """Request to implement OAuth / Enable with Segment."""
    detail = (
        "One-click setup is required for general availability once 5 customers use your integration. Tell us your plan."
    )
    return _request(p.name, p.slug, p.request_id, "OAuth / Enable with Segment", detail)


def review_approved(p: ReviewApproved) -> Rendered:
    """Review approved, with the Wednesday release it makes if merged by the cutoff."""
    return message(
        md(
            ":white_check_mark: {integration} passed review! If it is merged by *{cutoff}*, it ships in the "
            "{release} release.",
            integration=_integration(p.name, p.slug),
            cutoff=when(p.cutoff, p.timezone),
            release=day_name(p.release),
        )
    )


def merged(p: Merged) -> Rendered:
    """Merged: which release it ships in (and when it was merged, against the Tuesday cutoff)."""
    at = md(" (merged {at})", at=when(p.merged_at, p.timezone)) if p.merged_at and p.timezone else Md("")
    return message(
        md(
            ":twisted_rightwards_arrows: {integration} is merged and ships in the {release} release{at}. You'll get "
            "the private-beta link then.",
            integration=_integration(p.name, p.slug),
            release=day_name(p.release),
            at=at,
        )
    )


def request_answer(p: RequestAnswer) -> Rendered:
    """In the staff card's thread: the partner's answer."""
    return message(
        md(
            "{who} answered the request for *{what}* on {slug}:\n{answer}",
            who=mention(p.actor),
            what=p.request or "information",
            slug=code(p.slug),
            answer=quoted(p.answer),
        )
    )


def review_overdue(p: ReviewOverdue) -> Rendered:
    """To staff: a review passed its due date."""
    card = md(" {link}", link=link(p.link, "card")) if p.link else Md("")
    return message(
        md(
            ":warning: Review of *{name}* ({slug}, {partner}) was due {due}.{card}",
            name=p.name,
            slug=code(p.slug),
            partner=p.partner_name,
            due=when(p.due, p.timezone),
            card=card,
        )
    )
