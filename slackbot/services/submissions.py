"""Use case: a partner submits (or resubmits) an integration's pull request for review."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from slackbot.domain.actors import Actor
from slackbot.domain.errors import IllegalTransition, InvalidInput, NotPermitted
from slackbot.domain.lifecycle import Action, Role, Stage, decide, stage_label
from slackbot.domain.messages import MessageKind
from slackbot.domain.reviews import parse_submission, review_due
from slackbot.services.cards import integration_card, notify_partner, notify_staff
from storage.uow import UowFactory

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Receipt:
    """What the partner is told after submitting."""

    slug: str
    name: str
    review_due_at: datetime


def submit_for_review(
    uow_factory: UowFactory,
    actor: Actor,
    values: dict[str, str | None],
    now: datetime,
    *,
    timezone: str,
    review_channel: str | None,
) -> Receipt:
    """Validate the form, move the integration to in_review, acknowledge and post the staff review card."""
    submission = parse_submission(values)
    with uow_factory() as uow:
        partner = uow.partners.get(actor.partner_id) if actor.partner_id is not None else None
        if partner is None:
            raise NotPermitted("Only partners can submit integrations. Request access first with `/devcenter join`.")
        if partner.stage is not Stage.BUILDING:
            raise NotPermitted(f"{partner.name} cannot submit yet: access is {stage_label(partner.stage).lower()}.")
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
            raise InvalidInput(
                {"slug": f"`{submission.slug}` is {stage_label(before).lower()}: it cannot be submitted again now."}
            ) from None
        due = review_due(now, timezone)
        fields = {"pr_url": submission.pr_url, "submitted_at": now, "review_due_at": due, "submitted_by": actor.user_id}
        if integration is None:
            integration = uow.integrations.add(
                partner, submission.slug, submission.name, submission.kind.value, Stage.IN_REVIEW, now, **fields
            )
        elif not uow.integrations.move(
            integration.id, before, Stage.IN_REVIEW, now, name=submission.name, kind=submission.kind.value, **fields
        ):
            raise InvalidInput({"slug": "This integration changed while you were submitting; try again."})
        uow.session.refresh(integration)
        integration.submission_count += 1
        previous_card = integration.card_key
        integration.card_key = f"review_card:{integration.id}:{integration.submission_count}"
        if previous_card:  # the old card's buttons must not stay live: it is edited to point at the new one
            notify_staff(
                uow,
                review_channel,
                MessageKind.CARD_SUPERSEDED,
                {
                    "edit": True,
                    "name": submission.name,
                    "slug": submission.slug,
                    "at": now.isoformat(),
                    "timezone": timezone,
                },
                f"superseded:{previous_card}",
                now,
                thread_of=previous_card,
            )
        entry = uow.audit.record(
            subject_type="integration",
            subject_id=integration.id,
            subject_key=integration.slug,
            action=Action.SUBMIT_FOR_REVIEW,
            actor=actor.user_id,
            from_stage=before,
            to_stage=Stage.IN_REVIEW,
            note=submission.pr_url,
            at=now,
        )
        payload = {
            "partner_name": partner.name,
            "name": integration.name,
            "slug": integration.slug,
            "pr_url": submission.pr_url,
            "review_due_at": due.isoformat(),
            "timezone": timezone,
        }
        notify_partner(
            uow,
            partner,
            MessageKind.SUBMISSION_ACK,
            payload,
            f"submission_ack:{entry.id}",
            now,
            dm_users=[actor.user_id],
        )
        notify_staff(
            uow,
            review_channel,
            MessageKind.REVIEW_CARD,
            integration_card(uow, integration, timezone).to_payload(),
            integration.card_key,
            now,
        )
        uow.commit()
    log.info("integration %s submitted for review by %s", submission.slug, actor.user_id)
    return Receipt(integration.slug, integration.name, due)
