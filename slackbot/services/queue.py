"""Use cases for staff oversight: the queue of what waits on Segment, an integration's history, the audit export."""

from __future__ import annotations

from datetime import datetime, timedelta

from slackbot.domain.actors import Actor
from slackbot.domain.errors import NotFound
from slackbot.domain.lifecycle import Stage
from slackbot.domain.reviews import is_overdue, review_due
from slackbot.domain.views.reviews import HistoryLine, QueueItem
from slackbot.program import Program
from slackbot.services.outbox import message_link
from slackbot.services.partners import require_staff
from storage.uow import UnitOfWork

ANSWER_FRESH = timedelta(days=7)  # partner answers stay in the queue this long
QUESTIONS_SHOWN = 100  # escalated questions waiting for staff, oldest first


def staff_queue(program: Program, actor: Actor) -> list[QueueItem]:
    """Access requests, reviews, approved-but-unmerged PRs, partner answers and escalated questions, oldest first."""
    require_staff(actor, "queue", "Only Segment staff can see the queue.")
    now = program.now()
    with program.uow() as uow:
        items = [*_access(uow, program, now), *_reviews(uow, now), *_answers(uow, now), *question_items(uow)]
    return sorted(items, key=lambda item: item.since)


def _access(uow: UnitOfWork, program: Program, now: datetime) -> list[QueueItem]:
    items = []
    for partner in uow.partners.at_stage(Stage.ACCESS_REQUESTED):
        due = review_due(partner.created_at, program.timezone, sla_days=1)
        title, link = f"Access request: {partner.name}", message_link(uow, partner.card_key)
        items.append(QueueItem("access", title, partner.name, partner.created_at, due, is_overdue(due, now), link))
    return items


def _reviews(uow: UnitOfWork, now: datetime) -> list[QueueItem]:
    items = []
    for integration in uow.integrations.at_stages([Stage.IN_REVIEW, Stage.APPROVED]):
        reviewing = integration.stage is Stage.IN_REVIEW
        if not reviewing and integration.merged_at:
            continue
        since = (integration.submitted_at if reviewing else integration.approved_at) or integration.updated_at
        due = integration.review_due_at if reviewing else None
        title = f"{'Review' if reviewing else 'Merge'}: {integration.name} ({integration.slug})"
        overdue, link = bool(due and is_overdue(due, now)), message_link(uow, integration.card_key)
        kind = "review" if reviewing else "merge"
        items.append(QueueItem(kind, title, integration.partner.name, since, due, overdue, link))
    return items


def _answers(uow: UnitOfWork, now: datetime) -> list[QueueItem]:
    items = []
    for request in uow.requests.answered():
        integration = request.integration
        if request.answered_at and now - request.answered_at > ANSWER_FRESH:
            continue  # read or acted upon by now; the card thread keeps it
        title = f"Answer ({request.kind}): {integration.name} ({integration.slug})"
        link = message_link(uow, f"request_answer:{request.id}")
        since = request.answered_at or now
        items.append(QueueItem("answer", title, integration.partner.name, since, None, False, link))
    return items


def question_items(uow: UnitOfWork) -> list[QueueItem]:
    """Questions handed to staff and not answered yet (a staff reply in either thread answers one), oldest first."""
    items = []
    for escalation in uow.kb.waiting_escalations(QUESTIONS_SHOWN):
        asker = escalation.asker
        partner = uow.partners.by_member(asker)
        asked_in = None if escalation.partner_channel == asker else escalation.partner_channel
        link = message_link(uow, escalation.staff_key)
        items.append(QueueItem("question", escalation.question, partner.name if partner else "", escalation.created_at,
                               None, False, link, asker=asker, asked_in=asked_in))  # fmt: skip
    return items


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
