"""Use cases for staff oversight: the queue of what waits on Segment, an integration's history, the audit export."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from slackbot.domain.actors import Actor
from slackbot.domain.errors import NotFound
from slackbot.domain.lifecycle import Stage
from slackbot.domain.reviews import is_overdue, review_due
from slackbot.domain.views.reviews import HistoryLine, QueueItem
from slackbot.program import Program
from slackbot.services.outbox_links import message_links
from slackbot.services.partners import require_staff
from storage.uow import UnitOfWork

ANSWER_FRESH = timedelta(days=7)  # partner answers stay in the queue this long
QUESTIONS_SHOWN = 100  # escalated questions waiting for staff, oldest first


def staff_queue(program: Program, actor: Actor) -> list[QueueItem]:
    """Access requests, reviews, approved-but-unmerged PRs, partner answers and escalated questions, oldest first.

    A fixed number of statements whatever the queue's length: one read per kind, one for the card links.
    """
    require_staff(actor, "queue", "Only Segment staff can see the queue.")
    now = program.now()
    with program.uow() as uow:
        keyed = [*_access(uow, program, now), *_reviews(uow, now), *_answers(uow, now), *_questions(uow)]
        items = _linked(uow, keyed)
    return sorted(items, key=lambda item: item.since)


Keyed = tuple[QueueItem, str | None]  # an item, and the outbox key of the card its link points to


def _access(uow: UnitOfWork, program: Program, now: datetime) -> list[Keyed]:
    items: list[Keyed] = []
    for partner in uow.partners.at_stage(Stage.ACCESS_REQUESTED):
        due = review_due(partner.created_at, program.timezone, sla_days=1)
        title = f"Access request: {partner.name}"
        item = QueueItem("access", title, partner.name, partner.created_at, due, is_overdue(due, now), None)
        items.append((item, partner.card_key))
    return items


def _reviews(uow: UnitOfWork, now: datetime) -> list[Keyed]:
    items: list[Keyed] = []
    for integration in uow.integrations.at_stages([Stage.IN_REVIEW, Stage.APPROVED]):
        reviewing = integration.stage is Stage.IN_REVIEW
        if not reviewing and integration.merged_at:
            continue
        since = (integration.submitted_at if reviewing else integration.approved_at) or integration.updated_at
        due = integration.review_due_at if reviewing else None
        title = f"{'Review' if reviewing else 'Merge'}: {integration.name} ({integration.slug})"
        overdue, kind = bool(due and is_overdue(due, now)), "review" if reviewing else "merge"
        item = QueueItem(kind, title, integration.partner.name, since, due, overdue, None)
        items.append((item, integration.card_key))
    return items


def _answers(uow: UnitOfWork, now: datetime) -> list[Keyed]:
    items: list[Keyed] = []
    for request in uow.requests.answered():
        integration = request.integration
        if request.answered_at and now - request.answered_at > ANSWER_FRESH:
            continue  # read or acted upon by now; the card thread keeps it
        title = f"Answer ({request.kind}): {integration.name} ({integration.slug})"
        since = request.answered_at or now
        item = QueueItem("answer", title, integration.partner.name, since, None, False, None)
        items.append((item, f"request_answer:{request.id}"))
    return items


def _questions(uow: UnitOfWork) -> list[Keyed]:
    escalations = uow.kb.waiting_escalations(QUESTIONS_SHOWN)
    partners = uow.partners.names_by_member([escalation.asker for escalation in escalations])
    items: list[Keyed] = []
    for escalation in escalations:
        asker = escalation.asker
        asked_in = None if escalation.partner_channel == asker else escalation.partner_channel
        items.append((QueueItem("question", escalation.question, partners.get(asker, ""), escalation.created_at,
                                None, False, None, asker=asker, asked_in=asked_in), escalation.staff_key))  # fmt: skip
    return items


def question_items(uow: UnitOfWork) -> list[QueueItem]:
    """Questions handed to staff and not answered yet (a staff reply in either thread answers one), oldest first."""
    return _linked(uow, _questions(uow))


def _linked(uow: UnitOfWork, keyed: list[Keyed]) -> list[QueueItem]:
    """The items with the links of their cards, read in one query for all of them."""
    links = message_links(uow, (key for _, key in keyed))
    return [replace(item, link=links.get(key)) if key else item for item, key in keyed]


def history(program: Program, actor: Actor, slug: str) -> tuple[str, list[HistoryLine]]:
    """The audit trail of an integration (staff, or the partner that owns it)."""
    with program.uow() as uow:
        integration = uow.integrations.by_slug(slug.strip().lower())
        if integration is None or not (actor.is_staff or integration.partner_id == actor.partner_id):
            raise NotFound(f"No integration called `{slug}` that you can see.")
        lines = [
            HistoryLine(e.at, e.actor_user_id, e.action, e.from_stage, e.to_stage, e.note)
            for e in uow.audit.for_subject("integration", integration.id)
        ]
        return integration.name, lines


def audit_rows(program: Program, actor: Actor) -> list[dict[str, str | int | None]]:
    """Every audit entry as flat rows (for CSV/JSON export)."""
    require_staff(actor, "audit export", "Only Segment staff can export the audit trail.")
    with program.uow() as uow:
        return [
            {
                "id": e.id,
                "at": e.at.isoformat(),
                "subject_type": e.subject_type,
                "subject": e.subject_key,
                "action": e.action,
                "actor": e.actor_user_id,
                "from_stage": e.from_stage,
                "to_stage": e.to_stage,
                "note": e.note,
            }
            for e in uow.audit.all()
        ]
