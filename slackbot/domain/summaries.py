"""Frozen views that services return and renderers draw (no ORM rows leave storage)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from slackbot.domain.lifecycle import Stage


@dataclass(frozen=True)
class IntegrationSummary:
    """One integration as a partner or staff member sees it."""

    slug: str
    name: str
    kind: str
    stage: Stage
    partner_name: str
    pr_url: str | None
    submitted_at: datetime | None
    review_due_at: datetime | None
    merged_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True)
class StatusReport:
    """What /devcenter status shows: the partner and its integrations."""

    partner_name: str
    partner_stage: Stage
    integrations: tuple[IntegrationSummary, ...]
    now: datetime
    timezone: str


@dataclass(frozen=True)
class Actor:
    """Who is acting: resolved once per request from the Slack user id."""

    user_id: str
    is_staff: bool
    partner_id: int | None
    is_external: bool = False
