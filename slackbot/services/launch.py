"""Use cases of launching: an integration's launch gates (metadata checker + active launch rule), the OAuth request."""

from __future__ import annotations

import logging
from datetime import datetime

from slackbot.domain import launch as launch_rules
from slackbot.domain import metadata as catalog
from slackbot.domain.actors import Actor
from slackbot.domain.launch import LaunchFacts, private_beta_url
from slackbot.domain.lifecycle import Action, Facts, Stage
from slackbot.domain.messages.reviews import OAuthRequest, request_key
from slackbot.domain.metadata import CatalogMetadata
from slackbot.domain.reviews import RequestKind
from slackbot.domain.verifications import VerificationStatus
from slackbot.domain.views.launch import LaunchStatus
from slackbot.services.outbox import notify_partner
from storage.models.metadata import CatalogEntry
from storage.models.partners import Integration
from storage.repositories.status import OAUTH_ITEM, GateFacts
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
BETA_STAGES = (Stage.PRIVATE_BETA, Stage.PUBLIC_BETA)


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
    verifications = uow.verifications.verifications(integration.id)
    step = launch_rules.next_step(integration.stage)
    facts = GateFacts(
        confirmed=sum(v.status is VerificationStatus.CONFIRMED for v in verifications),
        pending=sum(v.status is VerificationStatus.PENDING for v in verifications),
        entered_at=uow.audit.entered_stage(integration, integration.stage) if step is not None else None,
        oauth_ticked=step is not None and OAUTH_ITEM in uow.checklist.ticks(integration.id),
        catalog=uow.catalog.catalog(integration.id),
    )
    return launch_view(integration, facts, rule_key, now)


def launch_view(integration: Integration, facts: GateFacts, rule_key: str, now: datetime | None) -> LaunchStatus:
    """The launch gates from facts already read (the status read model reads them for every integration at once)."""
    rule = launch_rules.rule(rule_key)
    step = launch_rules.next_step(integration.stage)
    evaluation = None
    if step is not None:
        entered = facts.entered_at
        days = (now - entered).days if entered is not None and now is not None else None
        evaluation = launch_rules.evaluate(rule, step, LaunchFacts(facts.confirmed, days, facts.oauth_ticked))
    in_beta = integration.stage in (*BETA_STAGES, Stage.PUBLIC)
    return LaunchStatus(
        integration_id=integration.id,
        slug=integration.slug,
        name=integration.name,
        stage=integration.stage,
        rule=rule,
        evaluation=evaluation,
        metadata_problems=catalog.check(metadata_of(integration, facts.catalog)),
        confirmed=facts.confirmed,
        pending=facts.pending,
        private_beta_url=private_beta_url(integration.slug) if in_beta else None,
    )


def merge_facts(integration: Integration) -> Facts:
    """The only Facts shipping needs: whether the integration's pull request is merged."""
    return Facts(merged=integration.merged_at is not None)


def lifecycle_facts(uow: UnitOfWork, integration: Integration, rule_key: str, now: datetime | None) -> Facts:
    """The Facts the transition table's gates look at (merged, metadata complete, launch rule met)."""
    merged = integration.merged_at is not None
    if integration.stage not in BETA_STAGES:
        return merge_facts(integration)
    status = launch_status(uow, integration, rule_key, now)
    met = status.evaluation is not None and status.evaluation.met
    return Facts(merged=merged, metadata_complete=status.metadata_complete, launch_rule_met=met)


def request_oauth_when_due(
    uow: UnitOfWork, integration: Integration, confirmed: int, actor: Actor, now: datetime, *, rule: str, timezone: str
) -> bool:
    """At the rule's customer count, open the OAuth request and tell the partner — once, ever."""
    threshold = launch_rules.rule(rule).oauth_from
    if not threshold or confirmed < threshold or integration.stage not in BETA_STAGES:
        return False
    if uow.requests.ever_requested(integration.id, RequestKind.OAUTH):
        return False
    request = uow.requests.add(integration, RequestKind.OAUTH, actor.user_id, now)
    note = f"automatic: {confirmed} confirmed customers reach the {rule} rule's OAuth threshold ({threshold})"
    uow.audit.record_note(integration, Action.REQUEST_OAUTH, actor.user_id, now, note)
    ask = OAuthRequest(integration.partner.name, integration.name, integration.slug, request.id, confirmed)
    notify_partner(
        uow, integration.partner, ask, request_key(request.id), now, timezone=timezone
    )  # answering edits this message
    log.info("OAuth requested automatically for %s (%d confirmed customers)", integration.slug, confirmed)
    return True
