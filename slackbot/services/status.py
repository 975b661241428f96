"""Use case: where do my integrations stand? (/devcenter status)"""

from __future__ import annotations

from datetime import datetime

from slackbot.domain.actors import Actor
from slackbot.domain.errors import NotFound, NotPermitted
from slackbot.domain.views.reviews import IntegrationSummary, StatusReport
from storage.models.partners import Integration, Partner
from storage.uow import UowFactory

NO_ACCESS = (
    "You are not part of a Developer Center partner yet. Request access with `/devcenter join` "
    "(or ask in your partner channel), and the Segment team will get back to you in about one business day."
)


def status(uow_factory: UowFactory, actor: Actor, slug: str | None, now: datetime, timezone: str) -> StatusReport:
    """The partner's integrations, or (staff only) the partner owning `slug`."""
    with uow_factory() as uow:
        if slug:
            integration = uow.integrations.by_slug(slug.strip().lower())
            allowed = integration is not None and (actor.is_staff or integration.partner_id == actor.partner_id)
            if integration is None or not allowed:
                if not actor.is_staff and actor.partner_id is None:
                    raise NotPermitted(NO_ACCESS)
                raise NotFound(f"No integration called `{slug}` that you can see. Try `/devcenter status`.")
            partner = integration.partner
            integrations = (
                [integration]
                if actor.is_staff and integration.partner_id != actor.partner_id
                else list(uow.integrations.for_partner(partner.id))
            )
        else:
            if actor.partner_id is None:
                if actor.is_staff:
                    raise NotFound("Staff: name an integration, for example `/devcenter status acme-analytics`.")
                raise NotPermitted(NO_ACCESS)
            partner = _partner(uow.partners.get(actor.partner_id))
            integrations = list(uow.integrations.for_partner(partner.id))
        return StatusReport(
            partner_name=partner.name,
            partner_stage=partner.stage,
            integrations=tuple(summarize(i, partner) for i in integrations),
            now=now,
            timezone=timezone,
        )


def summarize(integration: Integration, partner: Partner) -> IntegrationSummary:
    """A frozen summary of an integration row."""
    return IntegrationSummary(
        slug=integration.slug,
        name=integration.name,
        kind=integration.kind,
        stage=integration.stage,
        partner_name=partner.name,
        pr_url=integration.pr_url,
        submitted_at=integration.submitted_at,
        review_due_at=integration.review_due_at,
        merged_at=integration.merged_at,
        updated_at=integration.updated_at,
    )


def _partner(partner: Partner | None) -> Partner:
    if partner is None:
        raise NotFound("Your partner record is missing; ask the Segment team in your channel.")
    return partner
