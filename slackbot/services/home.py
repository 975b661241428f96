"""Use cases: App Home — the partner's dashboard (every integration, one in detail) and the staff dashboard."""

from __future__ import annotations

from datetime import datetime

from slackbot.domain import checklist
from slackbot.domain import launch as launch_rules
from slackbot.domain.actors import Actor
from slackbot.domain.lifecycle import FINAL_STAGES, Stage, next_step
from slackbot.domain.views.home import HomeIntegration, HomePage, PartnerHome, RequestLine
from slackbot.domain.views.launch import LaunchStatus
from slackbot.services import checklist as _checklist
from slackbot.services.gates import BETA_STAGES, CLOSED, launch_status
from slackbot.services.releases import calendar
from slackbot.services.requests import REQUEST_TITLES
from slackbot.services.staff_home import staff_home
from slackbot.services.status import NO_ACCESS
from storage.models.partners import Integration
from storage.models.reviews import StaffRequest
from storage.uow import UnitOfWork, UowFactory

WAITING = {
    Stage.ACCESS_REQUESTED: "Segment",
    Stage.BUILDING: "you",
    Stage.IN_REVIEW: "Segment",
    Stage.CHANGES_REQUESTED: "you",
    Stage.APPROVED: "Segment",
    Stage.PRIVATE_BETA: "you",
    Stage.PUBLIC_BETA: "you",
    Stage.PUBLIC: "nobody",
    Stage.DECLINED: "nobody",
    Stage.WITHDRAWN: "nobody",
}
__all__ = ["home", "staff_home"]


def home(
    uow_factory: UowFactory, actor: Actor, now: datetime, *, timezone: str, rule: str, focus: str | None = None
) -> HomePage:
    """Staff get the program dashboard; partners their integrations; anyone else a way in."""
    if actor.is_staff:
        return HomePage(staff=staff_home(uow_factory, now, timezone=timezone, rule=rule))
    if actor.partner_id is None:
        return HomePage(message=NO_ACCESS)
    return HomePage(partner=partner_home(uow_factory, actor, now, timezone=timezone, rule=rule, focus=focus))


def _waiting(integration: Integration, status: LaunchStatus | None, requests: list[StaffRequest]) -> tuple[str, str]:
    """(who it waits on, what happens next) for one integration."""
    if requests:
        return "you", f"Answer Segment's request for {REQUEST_TITLES.get(requests[0].kind, requests[0].kind)}."
    if status is not None and status.evaluation is not None:
        step = "public beta" if status.evaluation.step is Stage.PUBLIC_BETA else "public (GA)"
        if status.ready:
            return "Segment", f"Every gate for {step} passes: Segment approves it."
        if status.pending and any("customer" in b for b in status.blockers()):
            return "Segment", f"Segment confirms {status.pending} customer verification(s) you recorded."
        return "you", f"Work through what {step} still needs (below)."
    return WAITING[integration.stage], next_step(integration.stage)


def _actions(stage: Stage) -> tuple[str, ...]:
    if stage in CLOSED:
        return ()
    actions = ["submit"] if stage in (Stage.BUILDING, Stage.CHANGES_REQUESTED) else []
    actions += ["verify"] if stage in BETA_STAGES else []
    return (*actions, "metadata", "checklist")


def _item(
    uow: UnitOfWork,
    integration: Integration,
    requests: list[StaffRequest],
    now: datetime,
    *,
    timezone: str,
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
        next_step=what_next,
        pr_url=integration.pr_url,
        review_due_at=integration.review_due_at,
        merged_at=merged,
        release=calendar(uow, timezone).release_for_merge(merged)
        if merged and integration.stage is Stage.APPROVED
        else None,
        launch=status,
        checklist=checklist.progress(_checklist.states(uow, integration)) if detailed else None,
        requests=tuple(RequestLine(r.id, REQUEST_TITLES.get(r.kind, r.kind), r.requested_at) for r in requests),
        actions=_actions(integration.stage),
    )


def partner_home(
    uow_factory: UowFactory, actor: Actor, now: datetime, *, timezone: str, rule: str, focus: str | None
) -> PartnerHome:
    """Every integration of the actor's partner, `focus` (or the most active one) in detail."""
    assert actor.partner_id is not None
    with uow_factory() as uow:
        partner = uow.partners.get(actor.partner_id)
        assert partner is not None
        integrations = list(uow.integrations.for_partner(partner.id))
        slugs = [i.slug for i in integrations]
        if focus not in slugs:
            active = [i for i in integrations if i.stage not in FINAL_STAGES] or integrations
            focus = max(active, key=lambda i: i.updated_at).slug if active else None
        by_integration: dict[int, list[StaffRequest]] = {}
        for request in uow.requests.open_requests([i.id for i in integrations]):
            by_integration.setdefault(request.integration_id, []).append(request)
        items = tuple(
            _item(uow, i, by_integration.get(i.id, []), now, timezone=timezone, rule=rule, detailed=i.slug == focus)
            for i in integrations
        )
        return PartnerHome(
            partner.name,
            partner.stage,
            calendar(uow, timezone).next_window(now),
            launch_rules.rule(rule),
            items,
            focus,
            timezone,
        )
