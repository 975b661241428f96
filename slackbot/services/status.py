"""Use case: where do my integrations stand? (/devcenter status), with the launch gates of those in beta."""

from __future__ import annotations

from datetime import date

from slackbot.domain import launch as launch_rules
from slackbot.domain.actors import Actor
from slackbot.domain.errors import NotFound, NotPermitted
from slackbot.domain.lifecycle import Action, Stage
from slackbot.domain.releases import Schedule
from slackbot.domain.views.reviews import ChangeRequest, IntegrationSummary, LaunchReport, StatusReport
from slackbot.program import Program
from slackbot.services.launch import BETA_STAGES, launch_view
from slackbot.services.partners import NO_ACCESS
from slackbot.services.releases_calendar import schedule
from storage.models.partners import Integration, Partner
from storage.repositories.status import IntegrationView
from storage.uow import UnitOfWork


def status(program: Program, actor: Actor, slug: str | None = None) -> LaunchReport:
    """The partner's integrations (or, for staff, the one `slug` names), each beta one with its launch gates.

    A bounded number of statements whatever the data size: the slug (if any), one read of the partner with its
    integrations and their gate facts, the latest change requests (if any), the calendar (if a release is due).
    """
    now = program.now()
    with program.uow() as uow:
        partner, views = _scope(uow, actor, slug.strip().lower() if slug else None)
        integrations = [view.integration for view in views]
        merged = any(i.stage is Stage.APPROVED and i.merged_at is not None for i in integrations)
        plan = schedule(uow, program.timezone, now) if merged else None  # the calendar only when a release is due
        changes = _changes_requested(uow, integrations)
        report = StatusReport(
            partner_name=partner.name,
            partner_stage=partner.stage,
            integrations=tuple(summarize(i, partner, _release(plan, i), changes.get(i.id)) for i in integrations),
            now=now,
            timezone=program.timezone,
        )
        rule = program.launch_rule
        launches = tuple(
            launch_view(v.integration, v.gates, rule, now) for v in views if v.integration.stage in BETA_STAGES
        )
    return LaunchReport(report, launches, launch_rules.rule(rule))


def _scope(uow: UnitOfWork, actor: Actor, slug: str | None) -> tuple[Partner, list[IntegrationView]]:
    """The partner shown and which of its integrations, with their gate facts."""
    only: int | None = None
    if slug:
        integration = uow.integrations.by_slug(slug)
        allowed = integration is not None and (actor.is_staff or integration.partner_id == actor.partner_id)
        if integration is None or not allowed:
            if not actor.is_staff and actor.partner_id is None:
                raise NotPermitted(NO_ACCESS)
            raise NotFound(f"No integration called `{slug}` that you can see. Try `/devcenter status`.")
        partner_id = integration.partner_id
        if actor.is_staff and integration.partner_id != actor.partner_id:
            only = integration.id
    elif actor.partner_id is None:
        if actor.is_staff:
            raise NotFound("Staff: name an integration, for example `/devcenter status acme-analytics`.")
        raise NotPermitted(NO_ACCESS)
    else:
        partner_id = actor.partner_id
    found = uow.status.partner_view(partner_id, only)
    if found is None:
        raise NotFound("Your partner record is missing; ask the Segment team in your channel.")
    return found


def _changes_requested(uow: UnitOfWork, integrations: list[Integration]) -> dict[int, ChangeRequest]:
    """The latest change request of every integration whose changes are requested (one query, or none)."""
    asked = [i.id for i in integrations if i.stage is Stage.CHANGES_REQUESTED]
    entries = uow.status.last_actions(asked, Action.REQUEST_CHANGES)
    return {key: ChangeRequest(e.note or "", e.actor_user_id, e.at) for key, e in entries.items()}


def _release(plan: Schedule | None, integration: Integration) -> date | None:
    """The release a merged, approved integration ships in."""
    if plan is None or integration.stage is not Stage.APPROVED or integration.merged_at is None:
        return None
    return plan.ships_on(integration.merged_at)


def changes_requested(uow: UnitOfWork, integration: Integration) -> ChangeRequest | None:
    """While changes are requested: the latest request (its note, who asked, when)."""
    if integration.stage is not Stage.CHANGES_REQUESTED:
        return None
    entry = uow.audit.last_action(integration, Action.REQUEST_CHANGES)
    return ChangeRequest(entry.note or "", entry.actor_user_id, entry.at) if entry is not None else None


def summarize(
    integration: Integration, partner: Partner, release: date | None = None, changes: ChangeRequest | None = None
) -> IntegrationSummary:
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
        release=release,
        released_in=integration.released_in,
        changes=changes,
    )
