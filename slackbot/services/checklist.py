"""Use cases: the Public Beta checklist of an integration — see it, tick your own items."""

from __future__ import annotations

import logging

from slackbot.domain import checklist
from slackbot.domain import metadata as catalog
from slackbot.domain.actors import Actor
from slackbot.domain.checklist import Fact, ItemState
from slackbot.domain.errors import NotPermitted
from slackbot.domain.lifecycle import Stage
from slackbot.domain.views.launch import ChecklistView
from slackbot.program import Program
from slackbot.services.cards import post_card_when_ready
from slackbot.services.launch import metadata_of
from slackbot.services.partners import CLOSED, find_integration
from storage.models.partners import Integration
from storage.uow import UnitOfWork

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


def view(program: Program, actor: Actor, slug: str | None) -> ChecklistView:
    """`/devcenter checklist [slug]`: the items, who ticks them, progress."""
    with program.uow() as uow:
        integration = find_integration(uow, actor, slug, what="checklist")
        return _view(integration, states(uow, integration), actor)


def save(program: Program, actor: Actor, slug: str, ticked: list[str]) -> ChecklistView:
    """The checklist modal was submitted: tick and untick the actor's own items (others' never change)."""
    owner, now = checklist.owner_of(actor.is_staff), program.now()
    with program.uow() as uow:
        integration = find_integration(uow, actor, slug, what="checklist")
        if integration.stage in CLOSED:
            raise NotPermitted(f"`{integration.slug}` is {integration.stage.value}; its checklist is closed.")
        add, remove = checklist.changes(states(uow, integration), owner, ticked)
        for key in sorted(add):
            uow.checklist.tick(integration.id, key, actor.user_id, now)
        for key in sorted(remove):
            uow.checklist.untick(integration.id, key)
        if add or remove:
            uow.audit.record_note(integration, "checklist", actor.user_id, now, _note(add, remove))
            post_card_when_ready(uow, program, integration, now)
        uow.commit()
        result = _view(integration, states(uow, integration), actor)
    log.info("checklist of %s: %s ticked %d, unticked %d", result.slug, actor.user_id, len(add), len(remove))
    return result


def _note(add: set[str], remove: set[str]) -> str:
    ticked = f"ticked {', '.join(sorted(add))}" if add else ""
    unticked = f"unticked {', '.join(sorted(remove))}" if remove else ""
    return "; ".join(part for part in (ticked, unticked) if part)
