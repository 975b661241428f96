"""Use cases for staff oversight: the queue of what waits on Segment, and an integration's history."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from slackbot.domain.actors import Actor
from slackbot.domain.errors import NotFound
from slackbot.domain.lifecycle import Stage
from slackbot.domain.reviews import is_overdue, review_due
from slackbot.domain.views.reviews import HistoryLine, QueueItem
from slackbot.services.actors import require_staff
from slackbot.services.cards import message_link
from storage.uow import UowFactory

log = logging.getLogger(__name__)
ANSWER_FRESH = timedelta(days=7)  # partner answers stay in the queue this long


def staff_queue(uow_factory: UowFactory, actor: Actor, now: datetime, timezone: str) -> list[QueueItem]:
    """Access requests, reviews, approved-but-unmerged PRs and partner answers, oldest first."""
    require_staff(actor, "queue", "Only Segment staff can see the queue.")
    items: list[QueueItem] = []
    with uow_factory() as uow:
        for partner in uow.partners.at_stage(Stage.ACCESS_REQUESTED):
            due = review_due(partner.created_at, timezone, sla_days=1)
            items.append(
                QueueItem(
                    "access",
                    f"Access request: {partner.name}",
                    partner.name,
                    partner.created_at,
                    due,
                    is_overdue(due, now),
                    message_link(uow, partner.card_key),
                )
            )
        for integration in uow.integrations.at_stages([Stage.IN_REVIEW, Stage.APPROVED]):
            reviewing = integration.stage is Stage.IN_REVIEW
            if not reviewing and integration.merged_at:
                continue
            since = (integration.submitted_at if reviewing else integration.approved_at) or integration.updated_at
            due = integration.review_due_at if reviewing else None
            items.append(
                QueueItem(
                    "review" if reviewing else "merge",
                    f"{'Review' if reviewing else 'Merge'}: {integration.name} ({integration.slug})",
                    integration.partner.name,
                    since,
                    due,
                    bool(due and is_overdue(due, now)),
                    message_link(uow, integration.card_key),
                )
            )
        for request in uow.requests.answered():
            integration = request.integration
            if request.answered_at and now - request.answered_at > ANSWER_FRESH:
                continue  # read or acted upon by now; the card thread keeps it
            items.append(
                QueueItem(
                    "answer",
                    f"Answer ({request.kind}): {integration.name} ({integration.slug})",
                    integration.partner.name,
                    request.answered_at or now,
                    None,
                    False,
                    message_link(uow, f"request_answer:{request.id}"),
                )
            )
    return sorted(items, key=lambda item: item.since)


def history(uow_factory: UowFactory, actor: Actor, slug: str) -> tuple[str, list[HistoryLine]]:
    """The audit trail of an integration (staff, or the partner that owns it)."""
    with uow_factory() as uow:
        integration = uow.integrations.by_slug(slug.strip().lower())
        if integration is None or not (actor.is_staff or integration.partner_id == actor.partner_id):
            raise NotFound(f"No integration called `{slug}` that you can see.")
        lines = [
            HistoryLine(e.at, e.actor_user_id, e.action, e.from_stage, e.to_stage, e.note)
            for e in uow.audit.for_subject("integration", integration.id)
        ]
        return integration.name, lines


def audit_rows(uow_factory: UowFactory) -> list[dict[str, str | int | None]]:
    """Every audit entry as flat rows (for CSV/JSON export)."""
    with uow_factory() as uow:
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
