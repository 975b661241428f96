"""Use case: the staff App Home — stage counts, overdue reviews, launches blocked or ready, the next release."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from slackbot.domain import launch as launch_rules
from slackbot.domain.lifecycle import Stage
from slackbot.domain.metadata import LABELS
from slackbot.domain.releases import ReleaseWindow
from slackbot.domain.views.home import Line, StaffHome
from slackbot.services.cards import message_link
from slackbot.services.gates import BETA_STAGES, launch_status
from slackbot.services.releases import calendar as release_calendar
from slackbot.services.verifications import verification_view
from storage.models.partners import Integration
from storage.uow import UnitOfWork, UowFactory

PENDING_SHOWN = 10


def _line(uow: UnitOfWork, integration: Integration, detail: str) -> Line:
    return Line(
        integration.slug, integration.name, integration.partner.name, detail, message_link(uow, integration.card_key)
    )


def _release(uow: UnitOfWork, now: datetime, timezone: str) -> tuple[ReleaseWindow, tuple[Line, ...]]:
    """The coming release (today's on a release day) and the approved, merged integrations it ships."""
    calendar = release_calendar(uow, timezone)  # with the freezes staff declared
    window = calendar.todays_release(now) or calendar.next_window(now)
    lines = []
    for integration in uow.integrations.at_stages([Stage.APPROVED]):
        if integration.merged_at is None:
            continue
        release = calendar.release_for_merge(integration.merged_at)
        if release <= window.release:
            late = "" if release == window.release else f" (carried over from {release:%b} {release.day})"
            lines.append(
                Line(
                    integration.slug,
                    integration.name,
                    integration.partner.name,
                    f"merged {integration.merged_at.astimezone(calendar.zone):%a %b %d}{late}",
                )
            )
    return window, tuple(lines)


def staff_home(uow_factory: UowFactory, now: datetime, *, timezone: str, rule: str) -> StaffHome:
    """Everything staff watch, computed in one unit of work."""
    with uow_factory() as uow:
        counts = uow.integrations.stage_counts()
        reviews = sorted(uow.integrations.at_stages([Stage.IN_REVIEW]), key=lambda i: i.review_due_at or now)
        zone = ZoneInfo(timezone)
        overdue = tuple(
            _line(uow, i, f"due {i.review_due_at.astimezone(zone):%a %b %d, %I:%M %p %Z}")
            for i in reviews
            if i.review_due_at is not None and i.review_due_at < now
        )
        blocked_metadata, blocked_customers, ready = [], [], []
        for integration in uow.integrations.at_stages(list(BETA_STAGES)):
            status = launch_status(uow, integration, rule, now)
            if status.ready:
                step = "public beta" if integration.stage is Stage.PRIVATE_BETA else "public"
                ready.append(_line(uow, integration, f"ready for {step}"))
                continue
            if integration.stage is Stage.PRIVATE_BETA and status.metadata_problems:
                fields = ", ".join(dict.fromkeys(LABELS[p.field] for p in status.metadata_problems))
                blocked_metadata.append(_line(uow, integration, fields))
            customers = [m for m in (status.evaluation.missing if status.evaluation else ()) if "customer" in m]
            if customers:
                blocked_customers.append(_line(uow, integration, "; ".join(customers)))
        pending = tuple(
            verification_view(row, uow.integrations.get(row.integration_id))  # type: ignore[arg-type]
            for row in uow.verifications.pending_verifications(PENDING_SHOWN)
        )
        window, release_items = _release(uow, now, timezone)
        return StaffHome(
            counts=tuple((stage, counts.get(stage, 0)) for stage in Stage),
            overdue=overdue,
            blocked_metadata=tuple(blocked_metadata),
            blocked_customers=tuple(blocked_customers),
            ready=tuple(ready),
            pending=pending,
            window=window,
            release_items=release_items,
            rule=launch_rules.rule(rule),
            now=now,
            timezone=timezone,
        )
