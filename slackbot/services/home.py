"""Use cases of App Home: the partner's dashboard (every integration, one in detail) and the staff dashboard."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slackbot.domain import checklist
from slackbot.domain import launch as launch_rules
from slackbot.domain.access import may_reapply, reapply_from
from slackbot.domain.actors import Actor
from slackbot.domain.launch import Need
from slackbot.domain.lifecycle import FINAL_STAGES, OPEN_STAGES, Stage
from slackbot.domain.releases import Schedule
from slackbot.domain.reviews import REQUEST_TITLES
from slackbot.domain.views.home import HomeIntegration, HomePage, Line, Next, PartnerHome, Party, RequestLine, StaffHome
from slackbot.domain.views.launch import LaunchStatus
from slackbot.program import Program
from slackbot.services import checklist as _checklist
from slackbot.services.launch import BETA_STAGES, launch_status
from slackbot.services.outbox_links import message_link
from slackbot.services.partners import CLOSED, NO_ACCESS
from slackbot.services.queue import question_items
from slackbot.services.releases_calendar import schedule
from slackbot.services.releases_plans import release_plans
from slackbot.services.status import changes_requested
from slackbot.services.verifications import verification_view
from storage.models.partners import Integration
from storage.models.reviews import StaffRequest
from storage.uow import UnitOfWork

WAITING = {
    Stage.ACCESS_REQUESTED: Party.SEGMENT,
    Stage.BUILDING: Party.PARTNER,
    Stage.IN_REVIEW: Party.SEGMENT,
    Stage.CHANGES_REQUESTED: Party.PARTNER,
    Stage.APPROVED: Party.SEGMENT,
    Stage.PRIVATE_BETA: Party.PARTNER,
    Stage.PUBLIC_BETA: Party.PARTNER,
    Stage.PUBLIC: Party.NOBODY,
    Stage.DECLINED: Party.NOBODY,
    Stage.WITHDRAWN: Party.NOBODY,
}


def home(program: Program, actor: Actor, focus: str | None = None) -> HomePage:
    """Staff get the program dashboard; partners their integrations; anyone else a way in."""
    if actor.is_staff:
        return HomePage(staff=staff_home(program))
    if actor.partner_id is None:
        return HomePage(message=NO_ACCESS)
    return HomePage(partner=partner_home(program, actor, focus))


def _waiting(integration: Integration, status: LaunchStatus | None, requests: list[StaffRequest]) -> tuple[Party, Next]:
    """Who one integration waits on, and what happens next."""
    if requests:
        return Party.PARTNER, Next.ANSWER_REQUEST
    if status is not None and status.evaluation is not None:
        if status.ready:
            return Party.SEGMENT, Next.GATES_PASS
        if status.pending and status.waits_on_customers():
            return Party.SEGMENT, Next.CONFIRM_VERIFICATIONS
        return Party.PARTNER, Next.WORK_ON_GATES
    return WAITING[integration.stage], Next.STAGE


def _actions(stage: Stage) -> tuple[str, ...]:
    if stage in CLOSED:
        return ()
    actions = ["submit"] if stage in (Stage.BUILDING, Stage.CHANGES_REQUESTED) else []
    actions += ["verify"] if stage in BETA_STAGES else []
    return (*actions, "metadata", "checklist", *(["withdraw"] if stage in OPEN_STAGES else []))


def _item(
    uow: UnitOfWork,
    integration: Integration,
    requests: list[StaffRequest],
    now: datetime,
    *,
    plan: Schedule,
    rule: str,
    detailed: bool,
) -> HomeIntegration:
    in_launch = integration.stage in (*BETA_STAGES, Stage.PUBLIC)
    status = launch_status(uow, integration, rule, now) if detailed and in_launch else None
    waiting_on, what_next = _waiting(integration, status, requests)
    merged = integration.merged_at
    return HomeIntegration(
        slug=integration.slug,
        name=integration.name,
        stage=integration.stage,
        waiting_on=waiting_on,
        next=what_next,
        pr_url=integration.pr_url,
        review_due_at=integration.review_due_at,
        merged_at=merged,
        release=plan.ships_on(merged) if merged and integration.stage is Stage.APPROVED else None,
        released_in=integration.released_in,
        changes=changes_requested(uow, integration),
        launch=status,
        checklist=checklist.progress(_checklist.states(uow, integration)) if detailed else None,
        requests=tuple(RequestLine(r.id, REQUEST_TITLES.get(r.kind, r.kind), r.requested_at) for r in requests),
        actions=_actions(integration.stage),
    )


def partner_home(program: Program, actor: Actor, focus: str | None) -> PartnerHome:
    """Every integration of the actor's partner, `focus` (or the most active one) in detail."""
    assert actor.partner_id is not None
    now, timezone, rule = program.now(), program.timezone, program.launch_rule
    with program.uow() as uow:
        partner = uow.partners.get(actor.partner_id)
        assert partner is not None
        integrations = list(uow.integrations.for_partner(partner.id))
        slugs = [i.slug for i in integrations]
        if focus not in slugs:
            active = [i for i in integrations if i.stage not in FINAL_STAGES] or integrations
            focus = max(active, key=lambda i: i.updated_at).slug if active else None
        by_integration: dict[int, list[StaffRequest]] = {}
        for request in uow.requests.open_requests([i.id for i in integrations if i.stage not in CLOSED]):
            by_integration.setdefault(request.integration_id, []).append(request)
        plan = schedule(uow, timezone, now)
        items = tuple(
            _item(uow, i, by_integration.get(i.id, []), now, plan=plan, rule=rule, detailed=i.slug == focus)
            for i in integrations
        )
        window, plans = release_plans(uow, timezone, now, partner.id)
        declined = partner.stage is Stage.DECLINED
        return PartnerHome(
            partner.name,
            partner.stage,
            window,
            launch_rules.rule(rule),
            items,
            focus,
            timezone,
            plans,
            reapply_from(partner.updated_at, timezone) if declined else None,
            declined and may_reapply(partner.updated_at, now, timezone),
            partner.email,
            partner.email_opted_out,
        )


PENDING_SHOWN = 10


def _line(uow: UnitOfWork, integration: Integration, **facts: Any) -> Line:
    link = message_link(uow, integration.card_key)
    return Line(integration.slug, integration.name, integration.partner.name, link, **facts)


def _overdue(uow: UnitOfWork, now: datetime) -> tuple[Line, ...]:
    reviews = sorted(uow.integrations.at_stages([Stage.IN_REVIEW]), key=lambda i: i.review_due_at or now)
    return tuple(
        _line(uow, i, due=i.review_due_at) for i in reviews if i.review_due_at is not None and i.review_due_at < now
    )


def _launches(uow: UnitOfWork, now: datetime, rule: str) -> tuple[tuple[Line, ...], tuple[Line, ...], tuple[Line, ...]]:
    """Beta integrations blocked on metadata, blocked on customers, and ready to approve."""
    blocked_metadata, blocked_customers, ready = [], [], []
    for integration in uow.integrations.at_stages(list(BETA_STAGES)):
        status = launch_status(uow, integration, rule, now)
        if status.ready:
            step = Stage.PUBLIC_BETA if integration.stage is Stage.PRIVATE_BETA else Stage.PUBLIC
            ready.append(_line(uow, integration, ready_for=step))
            continue
        if integration.stage is Stage.PRIVATE_BETA and status.metadata_problems:
            fields = tuple(dict.fromkeys(p.field for p in status.metadata_problems))
            blocked_metadata.append(_line(uow, integration, missing_fields=fields))
        missing = status.evaluation.missing if status.evaluation else ()
        if customers := tuple(m for m in missing if m.requirement.need is Need.CUSTOMERS):
            blocked_customers.append(_line(uow, integration, shortfalls=customers))
    return tuple(blocked_metadata), tuple(blocked_customers), tuple(ready)


def staff_home(program: Program) -> StaffHome:
    """Everything staff watch, computed in one unit of work."""
    now, timezone, rule = program.now(), program.timezone, program.launch_rule
    with program.uow() as uow:
        counts = uow.integrations.stage_counts()
        overdue = _overdue(uow, now)
        blocked_metadata, blocked_customers, ready = _launches(uow, now, rule)
        pending = tuple(
            verification_view(row, uow.integrations.get(row.integration_id))  # type: ignore[arg-type]
            for row in uow.verifications.pending_verifications(PENDING_SHOWN)
        )
        window, plans = release_plans(uow, timezone, now)
        return StaffHome(
            counts=tuple((stage, counts.get(stage, 0)) for stage in Stage),
            overdue=overdue,
            blocked_metadata=blocked_metadata,
            blocked_customers=blocked_customers,
            ready=ready,
            pending=pending,
            window=window,
            plans=plans,
            rule=launch_rules.rule(rule),
            now=now,
            timezone=timezone,
            questions=tuple(question_items(uow)),
        )
