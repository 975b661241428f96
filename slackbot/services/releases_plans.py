"""Use cases of the coming releases: what each release from today on ships, shipped today, and still waits for.

Staff see every partner's work, a partner only its own; /devcenter deploys and both App Homes draw the same plans,
built from the same `Schedule` as status and the release-day card, so they never disagree on a date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from slackbot.domain.actors import Actor
from slackbot.domain.lifecycle import Stage
from slackbot.domain.releases import ReleaseWindow, Schedule
from slackbot.domain.views.releases import DeployReport, FrozenDay, ReleaseItem, ReleasePlan
from slackbot.program import Program
from slackbot.services.releases import merge_order, release_items
from slackbot.services.releases_calendar import schedule
from storage.models.partners import Integration
from storage.uow import UnitOfWork


@dataclass
class _Bucket:
    ships: list[ReleaseItem] = field(default_factory=list)
    shipped: list[ReleaseItem] = field(default_factory=list)
    waiting: list[ReleaseItem] = field(default_factory=list)


def _candidates(
    uow: UnitOfWork, partner_id: int | None, since: datetime
) -> tuple[list[Integration], list[Integration]]:
    """Approved integrations, and those shipped since `since` (every partner's, or one partner's)."""
    if partner_id is None:
        approved, shipped = uow.integrations.at_stages([Stage.APPROVED]), uow.integrations.released_since(since)
    else:
        mine = uow.integrations.for_partner(partner_id)
        approved = [i for i in mine if i.stage is Stage.APPROVED]
        shipped = [i for i in mine if i.released_at is not None and i.released_at >= since and i.released_in]
    return sorted(approved, key=merge_order), sorted(shipped, key=merge_order)


def release_plans(
    uow: UnitOfWork, timezone: str, now: datetime, partner_id: int | None = None, plan: Schedule | None = None
) -> tuple[ReleaseWindow, tuple[ReleasePlan, ...]]:
    """The window a merge now makes, and every release from today on with what it ships (one partner's, or all);
    `plan` is the schedule seen now when the caller has read it already."""
    plan, staff = plan or schedule(uow, timezone, now), partner_id is None
    window = plan.calendar.next_window_with_emergencies(now, plan.emergencies)
    days: dict[date, _Bucket] = {window.release: _Bucket()}
    if staff:  # staff also see the releases with nothing in them yet: today's, and each emergency release
        for day in (plan.today, *(e.release for e in plan.emergencies)):
            if plan.is_release_day(day):
                days.setdefault(day, _Bucket())
    approved, shipped = _candidates(uow, partner_id, datetime.combine(plan.today, time(0), tzinfo=plan.calendar.zone))
    for item in release_items(uow, approved, plan, links=staff):  # staff cards are not for partners
        if item.release is None:
            days[window.release].waiting.append(item)
        else:
            days.setdefault(item.release, _Bucket()).ships.append(item)
    for item in release_items(uow, shipped, None, links=staff):
        if item.release is not None:
            days.setdefault(item.release, _Bucket()).shipped.append(item)
    plans = tuple(
        ReleasePlan(day, plan.cutoff_of(day), plan.is_emergency(day), day == plan.today, tuple(b.ships),
                    tuple(b.shipped), tuple(b.waiting))
        for day, b in sorted(days.items())
    )  # fmt: skip
    return window, plans


def deploy_report(program: Program, actor: Actor) -> DeployReport:
    """The next release and time to its cutoff; every release from today on (staff), or the partner's work in them."""
    now = program.now()
    with program.uow() as uow:
        plan = schedule(uow, program.timezone, now)
        if actor.is_staff or actor.partner_id is not None:
            window, plans = release_plans(
                uow, program.timezone, now, None if actor.is_staff else actor.partner_id, plan
            )
        else:  # not in the program: just the calendar
            window, plans = plan.calendar.next_window_with_emergencies(now, plan.emergencies), ()
        frozen = tuple(FrozenDay(d, plan.next_release_day(d)) for d in sorted(plan.calendar.skipped) if d >= plan.today)
    left = window.cutoff.astimezone(UTC) - now.astimezone(UTC)
    return DeployReport(window, left, plans, frozen, staff=actor.is_staff)
