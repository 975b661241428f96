"""Frozen views that services return and renderers draw (no ORM rows leave storage)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

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
class CardEvent:
    """One line of a staff card's history: who did what, when."""

    action: str
    actor: str
    at: datetime
    note: str | None = None


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
    facts: tuple[tuple[str, str], ...] = ()  # (label, plain value) rows, e.g. survey answers
    pr_url: str | None = None
    submitted_at: datetime | None = None
    review_due_at: datetime | None = None
    merged_at: datetime | None = None
    release: date | None = None

    def to_payload(self) -> dict[str, Any]:
        """JSON-safe form for the outbox."""
        data = asdict(self)
        for key in ("submitted_at", "review_due_at", "merged_at", "release"):
            data[key] = data[key].isoformat() if data[key] else None
        data["history"] = [{**asdict(e), "at": e.at.isoformat()} for e in self.history]
        return data

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Card:
        """Inverse of to_payload."""
        moment = lambda v: datetime.fromisoformat(v) if v else None
        return cls(
            subject=data["subject"],
            subject_id=data["subject_id"],
            title=data["title"],
            stage=Stage(data["stage"]),
            partner_name=data["partner_name"],
            timezone=data["timezone"],
            actions=tuple(data["actions"]),
            history=tuple(
                CardEvent(e["action"], e["actor"], datetime.fromisoformat(e["at"]), e.get("note"))
                for e in data.get("history", [])
            ),
            facts=tuple((label, value) for label, value in data.get("facts", [])),
            pr_url=data.get("pr_url"),
            submitted_at=moment(data.get("submitted_at")),
            review_due_at=moment(data.get("review_due_at")),
            merged_at=moment(data.get("merged_at")),
            release=date.fromisoformat(data["release"]) if data.get("release") else None,
        )


@dataclass(frozen=True)
class QueueItem:
    """Something waiting on Segment."""

    kind: str  # "access", "review", "merge", "answer"
    title: str
    partner_name: str
    since: datetime
    due: datetime | None
    overdue: bool
    link: str | None


@dataclass(frozen=True)
class HistoryLine:
    """One audit entry as people read it."""

    at: datetime
    actor: str
    action: str
    from_stage: str | None
    to_stage: str | None
    note: str | None
