"""Use cases of reviews: submit a pull request for review, answer a staff request, nudge staff on overdue reviews."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from slackbot.domain.access import SUPPORT_EMAIL
from slackbot.domain.actors import Actor
from slackbot.domain.errors import Conflict, IllegalTransition, InvalidInput, NotFound, NotPermitted
from slackbot.domain.lifecycle import Action, Role, Stage, decide, stage_label
from slackbot.domain.messages.cards import CardSuperseded, ReviewCard
from slackbot.domain.messages.reviews import RequestAnswer, RequestAnswered, ReviewOverdue, SubmissionAck, request_key
from slackbot.domain.reviews import REQUEST_TITLES, RequestStatus, Submission, is_overdue, parse_submission, review_due
from slackbot.domain.text import parse_note
from slackbot.domain.views.reviews import SubmitDraft
from slackbot.program import Program
from slackbot.services.cards import integration_card
from slackbot.services.outbox import edit_posted, notify_partner, notify_staff
from slackbot.services.outbox_links import message_link
from slackbot.services.partners import CLOSED
from storage.models.partners import Integration, Partner
from storage.models.reviews import StaffRequest
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
RESUBMITTABLE = (Stage.BUILDING, Stage.CHANGES_REQUESTED)


@dataclass(frozen=True)
class Receipt:
    """What the partner is told after submitting."""

    slug: str
    name: str
    review_due_at: datetime


def _submitter(uow: UnitOfWork, actor: Actor) -> Partner:
    partner = uow.partners.get(actor.partner_id) if actor.partner_id is not None else None
    if partner is None:
        log.warning("refused a submission by %s (not a partner)", actor.user_id)
        raise NotPermitted("Only partners can submit integrations. Request access first with `/devcenter join`.")
    if partner.stage is Stage.ACCESS_REQUESTED:
        raise NotPermitted(
            f"The access request for {partner.name} is still being reviewed (about one business day): you can submit "
            "once it is approved. I'll message you with the decision."
        )
    if partner.stage is not Stage.BUILDING:
        raise NotPermitted(
            f"{partner.name} cannot submit: access is {stage_label(partner.stage).lower()}. "
            f"Questions: write to {SUPPORT_EMAIL}."
        )
    return partner


def submission_form(program: Program, actor: Actor, slug: str | None = None) -> SubmitDraft | None:
    """Before the submit form opens: refuse who cannot submit now; prefill it from the last submission of the
    integration `slug` names (or of the partner's only integration waiting to be resubmitted)."""
    with program.uow() as uow:
        partner = _submitter(uow, actor)
        if slug:
            integration = uow.integrations.by_slug(slug.strip().lower())
            if integration is None or integration.partner_id != partner.id:
                log.warning("refused the submit form of %s to %s (not the owner)", slug[:64], actor.user_id)
                raise NotFound(f"No integration called `{slug.strip()[:64]}` that you can see.")
            if integration.stage not in RESUBMITTABLE:
                label = stage_label(integration.stage).lower()
                raise NotPermitted(f"`{integration.slug}` is {label}: it cannot be submitted again now.")
        else:
            waiting = [i for i in uow.integrations.for_partner(partner.id) if i.stage in RESUBMITTABLE]
            integration = waiting[0] if len(waiting) == 1 else None
        if integration is None:
            return None
        return SubmitDraft(integration.name, integration.slug, integration.kind, integration.pr_url)


def _submittable(uow: UnitOfWork, partner: Partner, submission: Submission) -> Integration | None:
    """The partner's integration this submission updates (None: a new one), after checking it may be submitted."""
    integration = uow.integrations.by_slug(submission.slug)
    if integration is not None and integration.partner_id != partner.id:
        raise InvalidInput({"slug": f"The slug `{submission.slug}` is taken; choose another."})
    owner = uow.integrations.by_pr_url(submission.pr_url)
    if owner is not None and owner.partner_id != partner.id:
        raise InvalidInput({"pr_url": "That pull request belongs to another partner's integration."})
    before = integration.stage if integration else None
    try:
        decide(before, Action.SUBMIT_FOR_REVIEW, Role.PARTNER)
    except IllegalTransition:
        message = f"`{submission.slug}` is {stage_label(before).lower()}: it cannot be submitted again now."
        raise InvalidInput({"slug": message}) from None
    return integration


def submit_for_review(program: Program, actor: Actor, values: dict[str, str | None]) -> Receipt:
    """Validate the form, move the integration to in_review, acknowledge and post the staff review card."""
    submission, now = parse_submission(values), program.now()
    with program.uow() as uow:
        partner = _submitter(uow, actor)
        integration = _submittable(uow, partner, submission)
        before = integration.stage if integration else None
        due = review_due(now, program.timezone)
        integration = _move_to_review(uow, partner, integration, submission, actor, now, due)
        previous_card, integration.card_key = integration.card_key, _next_card_key(integration)
        if previous_card:  # the old card's buttons must not stay live: it is edited to point at the new one
            _supersede(uow, program, previous_card, submission, now)
        entry = uow.audit.record_move(
            integration, Action.SUBMIT_FOR_REVIEW, actor.user_id, now,
            from_stage=before, to_stage=Stage.IN_REVIEW, note=submission.pr_url,
        )  # fmt: skip
        ack = SubmissionAck(partner.name, integration.name, integration.slug, submission.pr_url, due, program.timezone)
        notify_partner(
            uow, partner, ack, f"submission_ack:{entry.id}", now, timezone=program.timezone, dm_users=[actor.user_id]
        )
        card = ReviewCard(integration_card(uow, program, integration, now))
        notify_staff(uow, program.review_channel, card, integration.card_key, now)
        uow.commit()
    log.info("integration %s submitted for review by %s", submission.slug, actor.user_id)
    return Receipt(integration.slug, integration.name, due)


def _move_to_review(
    uow: UnitOfWork,
    partner: Partner,
    integration: Integration | None,
    submission: Submission,
    actor: Actor,
    now: datetime,
    due: datetime,
) -> Integration:
    fields = {"pr_url": submission.pr_url, "submitted_at": now, "review_due_at": due, "submitted_by": actor.user_id}
    kind = submission.kind.value
    if integration is None:
        return uow.integrations.add(partner, submission.slug, submission.name, kind, Stage.IN_REVIEW, now, **fields)
    if not uow.integrations.move(
        integration.id, integration.stage, Stage.IN_REVIEW, now, name=submission.name, kind=kind, **fields
    ):
        raise InvalidInput({"slug": "This integration changed while you were submitting; try again."})
    uow.integrations.reload(integration)
    return integration


def _next_card_key(integration: Integration) -> str:
    integration.submission_count += 1
    return f"review_card:{integration.id}:{integration.submission_count}"


def _supersede(uow: UnitOfWork, program: Program, card_key: str, submission: Submission, now: datetime) -> None:
    edit = CardSuperseded(submission.name, submission.slug, now, program.timezone)
    notify_staff(uow, program.review_channel, edit, f"superseded:{card_key}", now, thread_of=card_key)


def _open_request(uow: UnitOfWork, actor: Actor, request_id: int) -> StaffRequest:
    request = uow.requests.get(request_id)
    if request is None:
        raise NotFound("That request no longer exists.")
    if request.integration.partner_id != actor.partner_id:
        log.warning("refused answer to request %s by %s (not the partner)", request_id, actor.user_id)
        raise NotPermitted("Only the partner who owns this integration can answer.")
    if request.status is not RequestStatus.OPEN:
        raise Conflict("This request was already answered; the answer is in the thread of the review card.")
    if request.integration.stage in CLOSED:
        label = stage_label(request.integration.stage).lower()
        raise Conflict(f"`{request.integration.slug}` is {label}, so this request is closed. Nothing to answer.")
    return request


def request_title(program: Program, actor: Actor, request_id: int) -> str:
    """What is being asked, for the answer modal; only the owning partner may see it."""
    with program.uow() as uow:
        request = _open_request(uow, actor, request_id)
        return f"{REQUEST_TITLES.get(request.kind, request.kind)} for {request.integration.name}"


def answer_request(program: Program, actor: Actor, request_id: int, text: str | None) -> str:
    """Store the answer once, post it in the thread of the staff review card, and edit the request's messages (their
    Answer button goes); returns what was asked, for the confirmation."""
    answer, now = parse_note(text, "answer"), program.now()
    with program.uow() as uow:
        request = _open_request(uow, actor, request_id)
        if not uow.requests.answer(request_id, answer or "", actor.user_id, now):
            raise Conflict("This request was already answered.")
        integration = request.integration
        uow.audit.record_note(integration, f"answer_{request.kind}", actor.user_id, now, answer)
        title = REQUEST_TITLES.get(request.kind, request.kind)
        reply = RequestAnswer(integration.name, integration.slug, title, answer or "", actor.user_id)
        key = f"request_answer:{request_id}"
        notify_staff(uow, program.review_channel, reply, key, now, thread_of=integration.card_key)
        answered = RequestAnswered(integration.name, integration.slug, title, actor.user_id, now, program.timezone)
        asked = request_key(request_id)
        for copy in (f"{asked}:channel", *(f"{asked}:dm:{u}" for u in uow.partners.member_ids(integration.partner_id))):
            edit_posted(uow, answered, copy, f"answered:{copy}", now)
        uow.commit()
    log.info("request %s answered by %s", request_id, actor.user_id)
    return f"{title} for {integration.name}"


def review_sla_nudges(program: Program, now: datetime) -> int:
    """Tell staff about reviews past their due date; at most once per review per day."""
    nudged = 0
    with program.uow() as uow:
        today = now.astimezone(ZoneInfo(program.timezone)).date().isoformat()
        for integration in uow.integrations.at_stages([Stage.IN_REVIEW]):
            due = integration.review_due_at
            if due is None or not is_overdue(due, now):
                continue
            link = message_link(uow, integration.card_key)
            nudge = ReviewOverdue(
                integration.partner.name, integration.name, integration.slug, due, program.timezone, link
            )
            nudged += notify_staff(uow, program.review_channel, nudge, f"sla:{integration.id}:{today}", now) is not None
        uow.commit()
    return nudged
