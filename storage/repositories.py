"""Repositories: every query lives here, written with select()/update()/insert()."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from slackbot.domain.lifecycle import Stage
from storage.models import AuditEntry, Integration, OutboxMessage, Partner, PartnerMember, ProcessedEvent


@dataclass(frozen=True)
class ClaimedMessage:
    """An outbox message this worker holds a lease on."""

    id: int
    kind: str
    channel: str
    payload: dict[str, Any]
    thread_ts: str | None
    attempts: int
    crashed_before: bool  # a previous worker's lease expired mid-delivery: it may have posted


def _insert_ignoring_conflicts(session: Session, model: type[Any], values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING RETURNING pk, on SQLite and PostgreSQL; True when a row was written."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    key = next(iter(model.__table__.primary_key.columns))
    statement = module.insert(model).values(**values).on_conflict_do_nothing().returning(key)
    # rowcount is not reliable for ORM-executed inserts (psycopg reports -1); RETURNING is.
    return session.execute(statement).first() is not None


class PartnerRepository:
    """Partners and the Slack users who belong to them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, partner_id: int) -> Partner | None:
        """A partner by id."""
        return self.session.get(Partner, partner_id)

    def by_name(self, name: str) -> Partner | None:
        """A partner by its exact company name."""
        return self.session.scalars(select(Partner).where(Partner.name == name)).first()

    def by_member(self, slack_user_id: str) -> Partner | None:
        """The partner a Slack user belongs to."""
        query = select(Partner).join(PartnerMember).where(PartnerMember.slack_user_id == slack_user_id)
        return self.session.scalars(query).first()

    def by_channel(self, channel_id: str) -> Partner | None:
        """The partner whose shared channel this is."""
        return self.session.scalars(select(Partner).where(Partner.channel_id == channel_id)).first()

    def add(self, name: str, stage: Stage, channel_id: str | None, now: datetime) -> Partner:
        """Create a partner."""
        partner = Partner(name=name, stage=stage, channel_id=channel_id, created_at=now, updated_at=now)
        self.session.add(partner)
        self.session.flush()
        return partner

    def member(self, slack_user_id: str) -> PartnerMember | None:
        """The membership row of a Slack user."""
        query = select(PartnerMember).where(PartnerMember.slack_user_id == slack_user_id)
        return self.session.scalars(query).first()

    def add_member(self, partner: Partner, slack_user_id: str, is_external: bool, now: datetime) -> PartnerMember:
        """Link a Slack user to a partner."""
        member = PartnerMember(
            partner_id=partner.id, slack_user_id=slack_user_id, is_external=is_external, created_at=now
        )
        self.session.add(member)
        self.session.flush()
        return member

    def member_ids(self, partner_id: int) -> list[str]:
        """Slack user ids of a partner's members."""
        query = select(PartnerMember.slack_user_id).where(PartnerMember.partner_id == partner_id)
        return list(self.session.scalars(query.order_by(PartnerMember.id)))


class IntegrationRepository:
    """Integrations and their stage changes."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_slug(self, slug: str) -> Integration | None:
        """An integration by slug."""
        return self.session.scalars(select(Integration).where(Integration.slug == slug)).first()

    def for_partner(self, partner_id: int) -> Sequence[Integration]:
        """A partner's integrations, oldest first."""
        query = select(Integration).where(Integration.partner_id == partner_id).order_by(Integration.id)
        return self.session.scalars(query).all()

    def add(self, partner: Partner, slug: str, name: str, kind: str, stage: Stage, now: datetime,
            **fields: Any) -> Integration:
        """Create an integration."""
        integration = Integration(partner_id=partner.id, slug=slug, name=name, kind=kind, stage=stage,
                                  created_at=now, updated_at=now, **fields)
        self.session.add(integration)
        self.session.flush()
        return integration

    def move(self, integration_id: int, expected: Stage, target: Stage, now: datetime, **fields: Any) -> bool:
        """Conditional stage change (WHERE stage = expected): exactly one concurrent caller wins."""
        statement = (
            update(Integration)
            .where(Integration.id == integration_id, Integration.stage == expected)
            .values(stage=target, updated_at=now, **fields)
            .execution_options(synchronize_session="fetch")
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1


class AuditRepository:
    """The append-only audit trail."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, *, subject_type: str, subject_id: int, subject_key: str, action: str, actor: str,
               from_stage: str | None, to_stage: str | None, note: str | None, at: datetime) -> None:
        """Append one entry (in the caller's transaction)."""
        self.session.add(AuditEntry(
            subject_type=subject_type, subject_id=subject_id, subject_key=subject_key, action=action,
            actor_user_id=actor, from_stage=from_stage, to_stage=to_stage, note=note, at=at,
        ))

    def for_key(self, subject_key: str) -> Sequence[AuditEntry]:
        """Entries about one subject, oldest first."""
        query = select(AuditEntry).where(AuditEntry.subject_key == subject_key)
        return self.session.scalars(query.order_by(AuditEntry.at, AuditEntry.id)).all()

    def count(self) -> int:
        """How many entries exist."""
        return self.session.scalar(select(func.count()).select_from(AuditEntry)) or 0


class OutboxRepository:
    """Notifications waiting for delivery."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def enqueue(self, *, dedupe_key: str, kind: str, channel: str, payload: dict[str, Any], now: datetime,
                thread_ts: str | None = None) -> bool:
        """Add a message unless one with the same dedupe key ever existed; True when added."""
        return _insert_ignoring_conflicts(self.session, OutboxMessage, {
            "dedupe_key": dedupe_key, "kind": kind, "channel": channel, "payload": payload,
            "thread_ts": thread_ts, "status": "pending", "attempts": 0, "next_attempt_at": now, "created_at": now,
        })

    def due_ids(self, now: datetime, limit: int) -> list[int]:
        """Pending messages whose time has come and that nobody holds, oldest first."""
        query = (
            select(OutboxMessage.id)
            .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now,
                   or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
        )
        return list(self.session.scalars(query))

    def claim(self, message_id: int, now: datetime, lease: timedelta) -> ClaimedMessage | None:
        """Take a lease on one message (conditional update); None when another worker got it first."""
        row = self.session.get(OutboxMessage, message_id)
        if row is None:
            return None
        crashed_before = row.claimed_until is not None  # an expired lease: a worker died mid-delivery
        statement = (
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.status == "pending",
                   or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
            .values(claimed_until=now + lease, attempts=OutboxMessage.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        if result.rowcount != 1:
            return None
        self.session.refresh(row)
        return ClaimedMessage(row.id, row.kind, row.channel, dict(row.payload), row.thread_ts, row.attempts,
                              crashed_before)

    def mark_sent(self, message_id: int, channel: str, ts: str, now: datetime) -> None:
        """Record a delivery."""
        self.session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id).values(
            status="sent", sent_channel=channel, sent_ts=ts, sent_at=now, claimed_until=None, last_error=None))

    def reschedule(self, message_id: int, when: datetime, error: str) -> None:
        """Try again at `when`."""
        self.session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id).values(
            next_attempt_at=when, claimed_until=None, last_error=error[:500]))

    def mark_failed(self, message_id: int, error: str) -> None:
        """Give up on a message."""
        self.session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id).values(
            status="failed", claimed_until=None, last_error=error[:500]))

    def by_key(self, dedupe_key: str) -> OutboxMessage | None:
        """A message by its dedupe key."""
        return self.session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key)).first()

    def counts(self) -> dict[str, int]:
        """How many messages are in each status."""
        query = select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        return {status: count for status, count in self.session.execute(query).tuples()}


class EventRepository:
    """Events API deliveries already processed."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def first_time(self, event_id: str, event_type: str, now: datetime) -> bool:
        """Record an event id; False when it was seen before (a Slack retry)."""
        return _insert_ignoring_conflicts(
            self.session, ProcessedEvent, {"event_id": event_id, "event_type": event_type, "received_at": now}
        )
