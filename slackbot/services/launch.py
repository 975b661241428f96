"""Use cases of launching: the staff card when the gates pass, the automatic OAuth request, the launch report."""

from __future__ import annotations

import logging
from datetime import datetime

from slackbot.domain import launch as launch_rules
from slackbot.domain.actors import Actor
from slackbot.domain.errors import NotPermitted
from slackbot.domain.lifecycle import Action
from slackbot.domain.messages import MessageKind
from slackbot.domain.views.launch import LaunchReport
from slackbot.services import status as _status
from slackbot.services.actors import require_staff
from slackbot.services.cards import integration_card, notify_partner, notify_staff
from slackbot.services.gates import BETA_STAGES, find_integration, launch_status
from storage.models.partners import Integration
from storage.uow import UnitOfWork, UowFactory

log = logging.getLogger(__name__)
OAUTH = "oauth"


def _post_card(
    uow: UnitOfWork,
    integration: Integration,
    key: str,
    now: datetime,
    *,
    rule: str,
    timezone: str,
    review_channel: str | None,
) -> bool:
    """Queue the integration's review card (with the buttons legal now) and make it the card answers thread on."""
    card = integration_card(uow, integration, timezone, rule=rule, now=now)
    if notify_staff(uow, review_channel, MessageKind.REVIEW_CARD, card.to_payload(), key, now) is None:
        return False
    integration.card_key = key
    return True


def post_card_when_ready(
    uow: UnitOfWork, integration: Integration, now: datetime, *, rule: str, timezone: str, review_channel: str | None
) -> bool:
    """Once per stage, when every gate of the next launch step passes: a fresh card with the approve button."""
    if integration.stage not in BETA_STAGES or not launch_status(uow, integration, rule, now).ready:
        return False
    key = f"launch_ready:{integration.id}:{integration.stage.value}"
    if uow.outbox.by_key(key) is not None:
        return False
    return _post_card(uow, integration, key, now, rule=rule, timezone=timezone, review_channel=review_channel)


def post_card(
    uow_factory: UowFactory,
    actor: Actor,
    slug: str,
    now: datetime,
    *,
    rule: str,
    timezone: str,
    review_channel: str | None,
) -> str:
    """Staff: post an integration's card in the review channel now (it shows why a step is not possible yet)."""
    require_staff(actor, f"post_card {slug}", "Only Segment staff can post review cards.")
    with uow_factory() as uow:
        integration = find_integration(uow, actor, slug, what="card")
        entry = uow.audit.record(
            subject_type="integration",
            subject_id=integration.id,
            subject_key=integration.slug,
            action="post_card",
            actor=actor.user_id,
            from_stage=integration.stage,
            to_stage=None,
            note=None,
            at=now,
        )  # also gives the card an "as of" moment (imported rows have none)
        key = f"review_card:{integration.id}:manual:{entry.id}"
        if not _post_card(uow, integration, key, now, rule=rule, timezone=timezone, review_channel=review_channel):
            raise NotPermitted("DEVCENTER_REVIEW_CHANNEL is not set, so there is nowhere to post the card.")
        uow.commit()
        return integration.slug


def request_oauth_when_due(
    uow: UnitOfWork, integration: Integration, confirmed: int, actor: Actor, now: datetime, *, rule: str
) -> bool:
    """At the rule's customer count, open the OAuth request and tell the partner — once, ever."""
    threshold = launch_rules.rule(rule).oauth_from
    if not threshold or confirmed < threshold or integration.stage not in BETA_STAGES:
        return False
    if uow.requests.ever_requested(integration.id, OAUTH):
        return False
    request = uow.requests.add(integration, OAUTH, actor.user_id, now)
    note = f"automatic: {confirmed} confirmed customers reach the {rule} rule's OAuth threshold ({threshold})"
    uow.audit.record(
        subject_type="integration",
        subject_id=integration.id,
        subject_key=integration.slug,
        action=Action.REQUEST_OAUTH,
        actor=actor.user_id,
        from_stage=integration.stage,
        to_stage=None,
        note=note,
        at=now,
    )
    notify_partner(
        uow,
        integration.partner,
        MessageKind.OAUTH_REQUEST,
        {
            "name": integration.name,
            "slug": integration.slug,
            "request_id": request.id,
            "customers": confirmed,
            "partner_name": integration.partner.name,
        },
        f"oauth_auto:{integration.id}",
        now,
    )
    log.info("OAuth requested automatically for %s (%d confirmed customers)", integration.slug, confirmed)
    return True


def launch_report(
    uow_factory: UowFactory, actor: Actor, slug: str | None, now: datetime, *, timezone: str, rule: str
) -> LaunchReport:
    """/devcenter status, plus each beta integration's private-beta URL, launch rule and what is still missing."""
    report = _status.status(uow_factory, actor, slug, now, timezone)
    slugs = [i.slug for i in report.integrations if i.stage in BETA_STAGES]
    with uow_factory() as uow:
        launches = tuple(
            launch_status(uow, i, rule, now) for s in slugs if (i := uow.integrations.by_slug(s)) is not None
        )
    return LaunchReport(report, launches, launch_rules.rule(rule))
