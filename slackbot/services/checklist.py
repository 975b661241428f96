"""Use cases: the Public Beta checklist of an integration — see it, tick your own items."""

from __future__ import annotations

import logging
from datetime import datetime

from slackbot.domain import checklist
from slackbot.domain import metadata as catalog
from slackbot.domain.actors import Actor
from slackbot.domain.checklist import Fact, ItemState
from slackbot.domain.errors import NotPermitted
from slackbot.domain.lifecycle import Stage
from slackbot.domain.views.launch import ChecklistView
from slackbot.services import launch
from slackbot.services.gates import CLOSED, find_integration, metadata_of
from storage.models.partners import Integration
from storage.uow import UnitOfWork, UowFactory

log = logging.getLogger(__name__)
PAST_PUBLIC_BETA = (Stage.PUBLIC_BETA, Stage.PUBLIC)
SUBMITTED = (Stage.IN_REVIEW, Stage.CHANGES_REQUESTED, Stage.APPROVED, Stage.PRIVATE_BETA, *PAST_PUBLIC_BETA)


def facts(uow: UnitOfWork, integration: Integration) -> set[Fact]:
    """What the bot already knows that ticks items by itself."""
    partner, known = integration.partner, set()
    approved = partner.stage not in (Stage.ACCESS_REQUESTED, Stage.DECLINED)
    if partner.survey or approved:  # access is approved only after the survey and the agreement
        known.add(Fact.SURVEY)
    if approved:
        known.add(Fact.ACCESS_APPROVED)
    if partner.channel_id:
        known.add(Fact.CHANNEL)
    if integration.submitted_at is not None or integration.stage in SUBMITTED:
        known.add(Fact.SUBMITTED)
    metadata = metadata_of(integration, uow.catalog.catalog(integration.id))
    if not catalog.check(metadata):
        known.add(Fact.METADATA)
    if metadata.has_test_account:
        known.add(Fact.TEST_ACCOUNT)
    if integration.stage in PAST_PUBLIC_BETA:
        known.add(Fact.PUBLIC_BETA)
    return known


def states(uow: UnitOfWork, integration: Integration) -> tuple[ItemState, ...]:
    """Every item of an integration's checklist, done or not."""
    return checklist.states(uow.checklist.ticks(integration.id), facts(uow, integration))


def _view(integration: Integration, items: tuple[ItemState, ...], actor: Actor) -> ChecklistView:
    return ChecklistView(
        integration.slug, integration.name, items, checklist.progress(items), checklist.owner_of(actor.is_staff)
    )


def view(uow_factory: UowFactory, actor: Actor, slug: str | None) -> ChecklistView:
    """`/devcenter checklist [slug]`: the items, who ticks them, progress."""
    with uow_factory() as uow:
        integration = find_integration(uow, actor, slug, what="checklist")
        return _view(integration, states(uow, integration), actor)


def save(
    uow_factory: UowFactory,
    actor: Actor,
    slug: str,
    ticked: list[str],
    now: datetime,
    *,
    rule: str,
    timezone: str,
    review_channel: str | None,
) -> ChecklistView:
    """The checklist modal was submitted: tick and untick the actor's own items (others' never change)."""
    owner = checklist.owner_of(actor.is_staff)
    with uow_factory() as uow:
        integration = find_integration(uow, actor, slug, what="checklist")
        if integration.stage in CLOSED:
            raise NotPermitted(f"`{integration.slug}` is {integration.stage.value}; its checklist is closed.")
        add, remove = checklist.changes(states(uow, integration), owner, ticked)
        launch_repo = uow.checklist
        for key in sorted(add):
            launch_repo.tick(integration.id, key, actor.user_id, now)
        for key in sorted(remove):
            launch_repo.untick(integration.id, key)
        if add or remove:
            note = "; ".join(
                part
                for part in (
                    f"ticked {', '.join(sorted(add))}" if add else "",
                    f"unticked {', '.join(sorted(remove))}" if remove else "",
                )
                if part
            )
            uow.audit.record(
                subject_type="integration",
                subject_id=integration.id,
                subject_key=integration.slug,
                action="checklist",
                actor=actor.user_id,
                from_stage=integration.stage,
                to_stage=None,
                note=note,
                at=now,
            )
            launch.post_card_when_ready(
                uow, integration, now, rule=rule, timezone=timezone, review_channel=review_channel
            )
        uow.commit()
        result = _view(integration, states(uow, integration), actor)
    log.info("checklist of %s: %s ticked %d, unticked %d", result.slug, actor.user_id, len(add), len(remove))
    return result
