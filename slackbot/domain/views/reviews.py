"""Frozen views that services return and renderers draw (no ORM rows leave storage)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from slackbot.domain.launch import LaunchRule
from slackbot.domain.lifecycle import Stage
from slackbot.domain.views.launch import LaunchStatus


@dataclass(frozen=True)
class ChangeRequest:
    """The latest changes staff requested on an integration: what they asked for, who, and when."""

    note: str
    by: str  # a Slack user id, or an operator such as github:<login>
    at: datetime


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
    release: date | None = None  # merged and approved: the release it ships in
    released_in: date | None = None  # shipped: the release it shipped in
    changes: ChangeRequest | None = None  # changes requested: the latest request


@dataclass(frozen=True)
class StatusReport:
    """What /devcenter status shows: the partner and its integrations."""

    partner_name: str
    partner_stage: Stage
    integrations: tuple[IntegrationSummary, ...]
    now: datetime
    timezone: str


@dataclass(frozen=True)
class CardEvent:
    """One line of a staff card's history: who did what, when."""

    action: str
    actor: str
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class EmailStatus:
    """A partner's contact address as staff see it: turned off by the partner, or refused by the mail server."""

    address: str
    off: bool = False
    refused: str | None = None  # the mail server's answer when it refused the address for good
    refused_at: datetime | None = None


@dataclass(frozen=True)
class Card:
    """What a staff card shows: the subject, its facts, the staff buttons legal now, and its history."""

    subject: str  # "partner" (access request) or "integration" (review)
    subject_id: int
    title: str
    stage: Stage
    partner_name: str
    timezone: str
    actions: tuple[str, ...]
    history: tuple[CardEvent, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()  # (label, answer) rows: the survey answers of an access request
    pr_url: str | None = None
    submitted_at: datetime | None = None
    review_due_at: datetime | None = None
    merged_at: datetime | None = None
    release: date | None = None
    launch: LaunchStatus | None = None  # the gates of the next launch step, once in beta
    email: EmailStatus | None = None  # the partner's contact address, when it has one


@dataclass(frozen=True)
class QueueItem:
    """Something waiting on Segment."""

    kind: str  # "access", "review", "merge", "answer", "question"
    title: str  # a question: what the person asked
    partner_name: str
    since: datetime
    due: datetime | None
    overdue: bool
    link: str | None  # a question: its thread in the review channel, where staff answer
    asker: str | None = None  # a question: who asked
    asked_in: str | None = None  # a question: the channel it was asked in (None: a direct message to the bot)


@dataclass(frozen=True)
class HistoryLine:
    """One audit entry as people read it."""

    at: datetime
    actor: str
    action: str
    from_stage: str | None
    to_stage: str | None
    note: str | None


@dataclass(frozen=True)
class LaunchReport:
    """/devcenter status with the launch picture of each integration in beta."""

    status: StatusReport
    launches: tuple[LaunchStatus, ...]
    rule: LaunchRule


@dataclass(frozen=True)
class SubmitDraft:
    """What the submit form is prefilled with: the integration's last submission."""

    name: str
    slug: str
    kind: str | None
    pr_url: str | None


@dataclass(frozen=True)
class Withdrawal:
    """An integration someone may withdraw (the confirmation modal), or has just withdrawn."""

    slug: str
    name: str
    partner_name: str
    stage: Stage  # the stage it is withdrawn from
    open_requests: int = 0
    by_staff: bool = False  # who is withdrawing it: Segment staff rather than the partner
