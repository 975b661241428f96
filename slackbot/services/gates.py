"""The launch gates of one integration, computed inside a unit of work (metadata checker + active launch rule)."""

from __future__ import annotations

from datetime import datetime

from slackbot.domain import launch as launch_rules
from slackbot.domain import metadata as catalog
from slackbot.domain.actors import Actor
from slackbot.domain.errors import NotFound, NotPermitted
from slackbot.domain.launch import LaunchFacts, private_beta_url
from slackbot.domain.lifecycle import Facts, Stage
from slackbot.domain.metadata import CatalogMetadata
from slackbot.domain.views.launch import LaunchStatus
from storage.models.metadata import CatalogEntry
from storage.models.partners import Integration
from storage.uow import UnitOfWork

BETA_STAGES = (Stage.PRIVATE_BETA, Stage.PUBLIC_BETA)
CLOSED = (Stage.DECLINED, Stage.WITHDRAWN)


def find_integration(uow: UnitOfWork, actor: Actor, slug: str | None, *, what: str) -> Integration:
    """The integration `slug` names (or the actor's only one), if the actor may see it."""
    if slug:
        integration = uow.integrations.by_slug(slug.strip().lower())
        if integration is None or not (actor.is_staff or integration.partner_id == actor.partner_id):
            raise NotFound(f"No integration called `{slug.strip()[:64]}` that you can see.")
        return integration
    if actor.partner_id is None:
        if actor.is_staff:
            raise NotFound(f"Staff: name the integration, for example `/devcenter {what} acme-analytics`.")
        raise NotPermitted("You are not part of a Developer Center partner yet. Request access with `/devcenter join`.")
    mine = [i for i in uow.integrations.for_partner(actor.partner_id) if i.stage not in CLOSED]
    if len(mine) != 1:
        names = ", ".join(f"`{i.slug}`" for i in mine) or "none yet — submit one with `/devcenter submit`"
        raise NotFound(f"Name the integration: `/devcenter {what} <slug>` (yours: {names}).")
    return mine[0]


def metadata_of(integration: Integration, entry: CatalogEntry | None) -> CatalogMetadata:
    """Stored metadata, or what the bot already knows (name, pull request) when nothing is stored yet."""
    if entry is None:
        return CatalogMetadata(name=integration.name, pr_url=integration.pr_url or "")
    return CatalogMetadata(
        name=entry.name,
        pr_url=entry.pr_url,
        description=entry.description,
        website=entry.website,
        categories=tuple(entry.categories or ()),
        logo_svg=entry.logo_svg,
        mark_svg=entry.mark_svg,
        support_email=entry.support_email,
        test_username=entry.test_username,
        test_password=entry.test_password,
        test_notes=entry.test_notes,
    )


def launch_status(uow: UnitOfWork, integration: Integration, rule_key: str, now: datetime | None) -> LaunchStatus:
    """Metadata problems, confirmed customers and the active rule's evaluation for the next launch step."""
    rule = launch_rules.rule(rule_key)
    verifications = uow.verifications.verifications(integration.id)
    confirmed = sum(v.status == "confirmed" for v in verifications)
    step = launch_rules.next_step(integration.stage)
    evaluation = None
    if step is not None:
        entered = uow.audit.entered_stage(integration, integration.stage)
        days = (now - entered).days if entered is not None and now is not None else None
        oauth_done = "oauth" in uow.checklist.ticks(integration.id)
        evaluation = launch_rules.evaluate(rule, step, LaunchFacts(confirmed, days, oauth_done))
    in_beta = integration.stage in (*BETA_STAGES, Stage.PUBLIC)
    return LaunchStatus(
        integration_id=integration.id,
        slug=integration.slug,
        name=integration.name,
        stage=integration.stage,
        rule=rule,
        evaluation=evaluation,
        metadata_problems=catalog.check(metadata_of(integration, uow.catalog.catalog(integration.id))),
        confirmed=confirmed,
        pending=sum(v.status == "pending" for v in verifications),
        private_beta_url=private_beta_url(integration.slug) if in_beta else None,
    )


def lifecycle_facts(uow: UnitOfWork, integration: Integration, rule_key: str, now: datetime | None) -> Facts:
    """The Facts the transition table's gates look at (merged, metadata complete, launch rule met)."""
    merged = integration.merged_at is not None
    if integration.stage not in BETA_STAGES:
        return Facts(merged=merged)
    status = launch_status(uow, integration, rule_key, now)
    met = status.evaluation is not None and status.evaluation.met
    return Facts(merged=merged, metadata_complete=status.metadata_complete, launch_rule_met=met)
