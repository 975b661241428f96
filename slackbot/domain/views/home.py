"""Frozen views of App Home that services return and renderers draw (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from slackbot.domain.checklist import Progress
from slackbot.domain.launch import LaunchRule, Shortfall
from slackbot.domain.lifecycle import Stage
from slackbot.domain.metadata import Field
from slackbot.domain.releases import ReleaseWindow
from slackbot.domain.views.launch import LaunchStatus, VerificationView
from slackbot.domain.views.releases import ReleasePlan
from slackbot.domain.views.reviews import ChangeRequest, QueueItem


@dataclass(frozen=True)
class RequestLine:
    """An open request from staff, waiting for the partner's answer."""

    request_id: int
    title: str
    requested_at: datetime


class Party(StrEnum):
    """Who an integration waits on."""

    PARTNER = "partner"
    SEGMENT = "segment"
    NOBODY = "nobody"


class Next(StrEnum):
    """What happens next for an integration on the partner's Home (the render says it in words)."""

    STAGE = "stage"  # what the stage itself says next
    ANSWER_REQUEST = "answer_request"  # answer Segment's open request (the first of `requests`)
    GATES_PASS = "gates_pass"  # every gate of the next launch step passes: Segment approves it
    CONFIRM_VERIFICATIONS = "confirm_verifications"  # Segment confirms the customers the partner recorded
    WORK_ON_GATES = "work_on_gates"  # the partner works through what the next launch step still needs


@dataclass(frozen=True)
class HomeIntegration:
    """One integration on the partner's App Home."""

    slug: str
    name: str
    stage: Stage
    waiting_on: Party
    next: Next
    pr_url: str | None = None
    review_due_at: datetime | None = None
    merged_at: datetime | None = None
    release: date | None = None  # approved and merged: the release it ships in
    released_in: date | None = None  # shipped: the release it shipped in
    changes: ChangeRequest | None = None  # changes requested: the latest request
    launch: LaunchStatus | None = None
    checklist: Progress | None = None
    requests: tuple[RequestLine, ...] = ()
    actions: tuple[str, ...] = ()  # partner buttons: submit, metadata, verify, checklist, withdraw


@dataclass(frozen=True)
class PartnerHome:
    """The partner's App Home: every integration, one of them in detail."""

    partner_name: str
    partner_stage: Stage
    window: ReleaseWindow
    rule: LaunchRule
    integrations: tuple[HomeIntegration, ...]
    focus: str | None  # the slug shown in detail
    timezone: str
    plans: tuple[ReleasePlan, ...] = ()  # the partner's work in each release from today on
    reapply_from: date | None = None  # declined: from when the company may apply again
    may_reapply: bool = False  # declined, and that day has come
    email: str | None = None  # the contact address partner emails go to
    email_off: bool = False  # the partner turned email off (Slack messages continue)


@dataclass(frozen=True)
class Line:
    """One row of a staff list: an integration and the facts its list is about."""

    slug: str
    name: str
    partner_name: str
    link: str | None = None  # the permalink of its card
    due: datetime | None = None  # an overdue review: when it was due
    ready_for: Stage | None = None  # every gate of this step passes
    missing_fields: tuple[Field, ...] = ()  # blocked on catalog metadata
    shortfalls: tuple[Shortfall, ...] = ()  # blocked on customers


@dataclass(frozen=True)
class StaffHome:
    """The program at a glance, for staff."""

    counts: tuple[tuple[Stage, int], ...]
    overdue: tuple[Line, ...]
    blocked_metadata: tuple[Line, ...]
    blocked_customers: tuple[Line, ...]
    ready: tuple[Line, ...]
    pending: tuple[VerificationView, ...]
    window: ReleaseWindow  # the release a merge now makes
    plans: tuple[ReleasePlan, ...]  # every release from today on: what shipped, ships, waits for a merge
    rule: LaunchRule
    now: datetime
    timezone: str
    questions: tuple[QueueItem, ...] = ()  # escalated questions waiting for a staff answer, oldest first


@dataclass(frozen=True)
class HomePage:
    """What App Home shows a person: the staff dashboard, the partner dashboard, or a way in."""

    staff: StaffHome | None = None
    partner: PartnerHome | None = None
    message: str | None = None
