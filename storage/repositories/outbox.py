"""Repositories for delivery: the notification outbox and processed Events API ids."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, func, or_, select, update
from sqlalchemy.orm import Session

from slackbot.domain.messages import OutboxStatus
from slackbot.domain.messages.base import UNDELIVERED
from storage.models.outbox import OutboxMessage, ProcessedEvent
from storage.repositories.base import insert_ignoring_conflicts

KEYS_PER_QUERY = 10_000  # bound parameters per IN list (SQLite allows 32,766 since 3.32, PostgreSQL 65,535)


@dataclass(frozen=True)
class ClaimedMessage:
    """An outbox message this worker holds a lease on."""

    id: int
    kind: str
    channel: str
    payload: dict[str, Any]
    thread_ts: str | None
    attempts: int
    maybe_sent: bool  # an earlier attempt may have posted it (answer lost, 5xx, or a worker died mid-delivery)
    thread_pending: bool = False  # it replies in a thread whose parent message is not posted yet


class OutboxRepository:
    """Notifications waiting for delivery."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def enqueue(
        self,
        *,
        dedupe_key: str,
        kind: str,
        channel: str,
        payload: dict[str, Any],
        now: datetime,
        thread_ts: str | None = None,
        thread_of: str | None = None,
    ) -> bool:
        """Add a message unless one with the same dedupe key ever existed; True when added.

        `thread_of` names the dedupe key of a parent message: the reply waits until the parent is posted.
        """
        return insert_ignoring_conflicts(
            self.session,
            OutboxMessage,
            {
                "dedupe_key": dedupe_key,
                "kind": kind,
                "channel": channel,
                "payload": payload,
                "thread_ts": thread_ts,
                "thread_of": thread_of,
                "status": OutboxStatus.PENDING,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            },
        )

    def due_ids(self, now: datetime, limit: int) -> list[int]:
        """Pending messages whose time has come and that nobody holds, oldest first."""
        return [message_id for message_id, _ in self.due_targets(now, limit)]

    def due_targets(self, now: datetime, limit: int) -> list[tuple[int, str]]:
        """Like due_ids, with each message's channel (or DM user): (id, channel), oldest first."""
        query = (
            select(OutboxMessage.id, OutboxMessage.channel)
            .where(
                OutboxMessage.status.in_(UNDELIVERED),
                OutboxMessage.next_attempt_at <= now,
                or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
            )
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
        )
        return [(message_id, channel) for message_id, channel in self.session.execute(query)]

    def claim(self, message_id: int, now: datetime, lease: timedelta) -> ClaimedMessage | None:
        """Take a lease on one message (conditional update); None when another worker got it first."""
        row = self.session.get(OutboxMessage, message_id)
        if row is None:
            return None
        # an expired lease means a worker died mid-delivery: as uncertain as a lost answer
        maybe_sent = row.claimed_until is not None or row.status is OutboxStatus.MAYBE_SENT
        statement = (
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.status.in_(UNDELIVERED),
                OutboxMessage.next_attempt_at <= now,
                or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
            )
            .values(claimed_until=now + lease, attempts=OutboxMessage.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        if result.rowcount != 1:
            return None
        self.session.refresh(row)
        thread_ts, pending = row.thread_ts, False
        if row.thread_of and not thread_ts:
            parent = self.by_key(row.thread_of)
            thread_ts, pending = (parent.sent_ts, False) if parent and parent.sent_ts else (None, True)
        return ClaimedMessage(
            row.id, row.kind, row.channel, dict(row.payload), thread_ts, row.attempts, maybe_sent, pending
        )

    def mark_sent(self, message_id: int, channel: str, ts: str, now: datetime) -> None:
        """Record a delivery."""
        self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(
                status=OutboxStatus.SENT,
                sent_channel=channel,
                sent_ts=ts,
                sent_at=now,
                claimed_until=None,
                last_error=None,
            )
        )

    def reschedule(self, message_id: int, when: datetime, error: str, *, maybe_sent: bool = False) -> None:
        """Try again at `when`; `maybe_sent` when this attempt may have posted (the next one reconciles first)."""
        values: dict[str, Any] = {"next_attempt_at": when, "claimed_until": None, "last_error": error[:500]}
        if maybe_sent:
            values["status"] = OutboxStatus.MAYBE_SENT
        self.session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id).values(**values))

    def mark_failed(self, message_id: int, error: str) -> None:
        """Give up on a message."""
        self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(status=OutboxStatus.FAILED, claimed_until=None, last_error=error[:500])
        )

    def mark_skipped(self, message_id: int, reason: str) -> None:
        """Not sent on purpose (an email while email is off): kept with the reason, never retried."""
        self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(status=OutboxStatus.SKIPPED, claimed_until=None, last_error=reason[:500])
        )

    def counts_for(self, key_prefix: str) -> dict[str, int]:
        """How many messages whose dedupe key starts with a prefix are in each status (a delivery log)."""
        query = (
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.dedupe_key.startswith(key_prefix))
            .group_by(OutboxMessage.status)
        )
        return {status: count for status, count in self.session.execute(query).tuples()}

    def with_prefix(self, key_prefix: str) -> list[OutboxMessage]:
        """Messages whose dedupe key starts with a prefix, oldest first."""
        query = select(OutboxMessage).where(OutboxMessage.dedupe_key.startswith(key_prefix))
        return list(self.session.scalars(query.order_by(OutboxMessage.id)))

    def latest(self, limit: int) -> list[OutboxMessage]:
        """The newest messages, newest first."""
        return list(self.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)))

    def by_key(self, dedupe_key: str) -> OutboxMessage | None:
        """A message by its dedupe key."""
        return self.session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key)).first()

    def sent_locations(self, dedupe_keys: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Where the posted messages of these dedupe keys are: key → (channel, ts), in a few batched reads."""
        found: dict[str, tuple[str, str]] = {}
        keys = sorted(set(dedupe_keys))
        for low in range(0, len(keys), KEYS_PER_QUERY):
            query = select(OutboxMessage.dedupe_key, OutboxMessage.sent_channel, OutboxMessage.sent_ts).where(
                OutboxMessage.dedupe_key.in_(keys[low : low + KEYS_PER_QUERY]), OutboxMessage.sent_ts.is_not(None)
            )
            found.update((key, (channel or "", ts or "")) for key, channel, ts in self.session.execute(query).tuples())
        return found

    def next_attempt_at(self) -> datetime | None:
        """When the earliest undelivered message is due (None when nothing is owed)."""
        query = select(func.min(OutboxMessage.next_attempt_at)).where(OutboxMessage.status.in_(UNDELIVERED))
        return self.session.scalar(query)

    def oldest_undelivered_at(self) -> datetime | None:
        """When the oldest message still owed (pending or maybe sent) was queued (None when nothing is owed)."""
        query = select(func.min(OutboxMessage.created_at)).where(OutboxMessage.status.in_(UNDELIVERED))
        return self.session.scalar(query)

    def counts(self) -> dict[str, int]:
        """How many messages are in each status."""
        query = select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        return {status: count for status, count in self.session.execute(query).tuples()}


class EventRepository:
    """Events API deliveries already processed."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def seen(self, event_id: str) -> bool:
        """Whether an event id was already handled."""
        return self.session.get(ProcessedEvent, event_id) is not None

    def first_time(self, event_id: str, event_type: str, now: datetime) -> bool:
        """Record an event id; False when it was seen before (a Slack retry)."""
        return insert_ignoring_conflicts(
            self.session, ProcessedEvent, {"event_id": event_id, "event_type": event_type, "received_at": now}
        )
