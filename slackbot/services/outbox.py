"""The outbox: notifications queued inside a use case's transaction, delivered exactly once at Slack's pace."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from slackbot.domain.messages import MessageKind, OutboxStatus, Payload
from slackbot.domain.messages.email import EMAIL_CHANNEL, PartnerEmail, email_facts_for
from slackbot.domain.messages.outbox import StaffAlert
from slackbot.program import Program
from storage.models.partners import Partner
from storage.repositories.outbox import ClaimedMessage
from storage.uow import UnitOfWork, UowFactory

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 8


class RetryLater(Exception):
    """Slack could not take the message now (429, 5xx, network); `retry_after` seconds when Slack said.

    `maybe_sent`: the request may have reached Slack and been posted (the answer was lost, or a 5xx came back
    after processing); the next attempt looks for the message before posting it again.
    """

    def __init__(self, reason: str, retry_after: float | None = None, *, maybe_sent: bool = False) -> None:
        super().__init__(reason)
        self.retry_after, self.maybe_sent = retry_after, maybe_sent


class Undeliverable(Exception):
    """Slack (or the mail server) refused the message for good (channel gone, invalid blocks, address refused)."""


class Skipped(Exception):
    """The message is not sent on purpose (an email while SMTP_URL is unset): recorded as skipped, not retried."""


class Sender(Protocol):
    """What the outbox needs from Slack; implemented by slackbot.slack.SlackSender."""

    def send(self, message: ClaimedMessage) -> tuple[str, str]:
        """Post the message; return (channel id, message ts)."""

    def find_sent(self, message: ClaimedMessage) -> tuple[str, str] | None:
        """Look in the channel for an earlier post of this message (after a crash)."""


class KindRouter:
    """A Sender that hands each message to the sender of its kind (email rows to SMTP), the rest to `default`."""

    def __init__(self, default: Sender, routes: Mapping[str, Sender]) -> None:
        self.default, self.routes = default, dict(routes)

    def send(self, message: ClaimedMessage) -> tuple[str, str]:
        """Deliver through the sender of the message's kind."""
        return self.routes.get(message.kind, self.default).send(message)

    def find_sent(self, message: ClaimedMessage) -> tuple[str, str] | None:
        """Reconcile through the sender of the message's kind."""
        return self.routes.get(message.kind, self.default).find_sent(message)


@dataclass(frozen=True)
class DeliveryReport:
    """What one pass of the outbox did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    next_retry_at: datetime | None = None
    skipped: int = 0


def backoff(attempts: int) -> timedelta:
    """Exponential backoff for failures without a Retry-After: 5 s, 10 s, 20 s … capped at one hour."""
    return timedelta(seconds=min(5 * 2 ** max(attempts - 1, 0), 3600))


def deliver_due(
    program: Program,
    sender: Sender,
    *,
    limit: int = 100,
    lanes: int = 1,
    stopping: Callable[[], bool] = lambda: False,
) -> DeliveryReport:
    """Send every due message once; reschedule on 429 (Retry-After) and errors; give up loudly.

    A 429 ends the pass: Slack said when to come back, and every other message would be refused too. So does
    `stopping()` (a shutdown): checked before each claim, so the message in flight finishes and none is left held. With
    `lanes` > 1 the due messages are delivered by that many threads, each channel's messages in one lane and in
    order (a reply after its parent), so that one message's database work overlaps another's wait for the pacer.
    """
    now = program.now()
    with program.uow() as uow:
        due = uow.outbox.due_targets(now, limit)
    tally, groups = _Tally(stopping), _by_lane(due, lanes)
    if len(groups) <= 1:
        for ids in groups:
            _deliver_lane(program, sender, ids, now, tally)
    else:
        with ThreadPoolExecutor(len(groups), thread_name_prefix="outbox-lane") as pool:
            list(pool.map(lambda ids: _deliver_lane(program, sender, ids, now, tally), groups))  # re-raises
    return DeliveryReport(tally.sent, tally.retried, tally.failed, tally.next_retry, tally.skipped)


def _by_lane(due: list[tuple[int, str]], lanes: int) -> list[list[int]]:
    """Message ids split into at most `lanes` lists, a channel's messages always in the same one, in order."""
    groups: dict[int, list[int]] = {}
    for message_id, channel in due:
        groups.setdefault(hash(channel) % max(lanes, 1), []).append(message_id)
    return list(groups.values())


class _Tally:
    """The outcomes of one pass, from however many lanes; a 429 in any lane stops them all."""

    def __init__(self, stopping: Callable[[], bool]) -> None:
        self.sent = self.retried = self.failed = self.skipped = 0
        self.stopping = stopping
        self.next_retry: datetime | None = None
        self.throttled = threading.Event()
        self._lock = threading.Lock()

    def add(self, outcome: _Outcome) -> None:
        with self._lock:
            if outcome.status == "sent":
                self.sent += 1
            elif outcome.status == "failed":
                self.failed += 1
            elif outcome.status == "skipped":
                self.skipped += 1
            else:
                self.retried += 1
                retry = outcome.retry_at
                self.next_retry = retry if self.next_retry is None else min(self.next_retry, retry)
                if outcome.status == "throttled":
                    self.throttled.set()


def _deliver_lane(program: Program, sender: Sender, ids: list[int], now: datetime, tally: _Tally) -> None:
    for message_id in ids:
        if tally.throttled.is_set() or tally.stopping():
            return
        with program.uow() as uow:
            message = uow.outbox.claim(message_id, now, LEASE)
            uow.commit()
        if message is None:
            continue  # another worker holds it, or it was rescheduled meanwhile
        tally.add(_deliver_one(program.uow, sender, message, now, program.review_channel))


_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class _Outcome:
    status: str  # sent, failed, skipped, retry, throttled
    retry_at: datetime = _NEVER


THREAD_WAIT = timedelta(seconds=5)


def _deliver_one(
    uow_factory: UowFactory, sender: Sender, message: ClaimedMessage, now: datetime, alert_channel: str | None
) -> _Outcome:
    if message.thread_pending:  # its parent is not posted yet: wait for it, this is not a failure
        return _reschedule(uow_factory, message, now + THREAD_WAIT, "waiting for the parent message", "retry")
    try:
        posted = sender.find_sent(message) if message.maybe_sent else None
        channel, ts = posted or sender.send(message)
    except RetryLater as exc:
        if message.attempts >= MAX_ATTEMPTS:
            return _give_up(
                uow_factory, message, f"gave up after {message.attempts} attempts: {exc}", now, alert_channel
            )
        delay = timedelta(seconds=exc.retry_after) if exc.retry_after is not None else backoff(message.attempts)
        log.info("outbox message %s retries in %ss: %s", message.id, delay.total_seconds(), exc)
        status = "throttled" if exc.retry_after is not None else "retry"
        maybe_sent = exc.maybe_sent or message.maybe_sent  # still unknown until found or posted for sure
        return _reschedule(uow_factory, message, now + delay, str(exc), status, maybe_sent=maybe_sent)
    except Undeliverable as exc:
        return _give_up(uow_factory, message, str(exc), now, alert_channel)
    except Skipped as exc:
        log.info("outbox message %s (%s) skipped: %s", message.id, message.kind, exc)
        with uow_factory() as uow:
            uow.outbox.mark_skipped(message.id, str(exc))
            uow.commit()
        return _Outcome("skipped")
    with uow_factory() as uow:
        uow.outbox.mark_sent(message.id, channel, ts, now)
        uow.commit()
    return _Outcome("sent")


def _reschedule(
    uow_factory: UowFactory,
    message: ClaimedMessage,
    when: datetime,
    error: str,
    status: str,
    *,
    maybe_sent: bool = False,
) -> _Outcome:
    with uow_factory() as uow:
        uow.outbox.reschedule(message.id, when, error, maybe_sent=maybe_sent)
        uow.commit()
    return _Outcome(status, when)


def _give_up(
    uow_factory: UowFactory, message: ClaimedMessage, error: str, now: datetime, alert_channel: str | None
) -> _Outcome:
    log.error("outbox message %s (%s) failed: %s", message.id, message.kind, error)
    with uow_factory() as uow:
        uow.outbox.mark_failed(message.id, error)
        if alert_channel and message.kind != MessageKind.STAFF_ALERT:
            alert = StaffAlert(outbox_id=message.id, message_kind=message.kind, error=error)
            queue(uow, alert, alert_channel, f"alert:outbox:{message.id}", now)
        uow.commit()
    return _Outcome("failed")


def queue(
    uow: UnitOfWork,
    payload: Payload,
    channel: str,
    key: str,
    now: datetime,
    *,
    thread_ts: str | None = None,
    thread_of: str | None = None,
) -> bool:
    """Queue one message (once per dedupe key, ever); True when it was queued now."""
    return uow.outbox.enqueue(
        dedupe_key=key, kind=payload.kind, channel=channel, payload=payload.to_dict(), now=now, thread_ts=thread_ts,
        thread_of=thread_of,
    )  # fmt: skip


def notify_partner(
    uow: UnitOfWork,
    partner: Partner,
    payload: Payload,
    key: str,
    now: datetime,
    *,
    timezone: str,
    dm_users: list[str] | None = None,
) -> None:
    """Queue a notification for the partner's shared channel, a DM to each of its members and, for the program's
    key events, its email twin (key `<key>:email`; the email's dates in `timezone`)."""
    if partner.channel_id:
        queue(uow, payload, partner.channel_id, f"{key}:channel", now)
    for user_id in uow.partners.member_ids(partner.id) if dm_users is None else dm_users:
        queue(uow, payload, user_id, f"{key}:dm:{user_id}", now)
    facts = email_facts_for(payload, timezone)  # None: this notice has no email
    if facts and partner.email and not partner.email_opted_out and partner.email_refused_at is None:
        queue(uow, PartnerEmail.of(partner.id, partner.email, facts), EMAIL_CHANNEL, f"{key}:email", now)


def notify_staff(
    uow: UnitOfWork,
    review_channel: str | None,
    payload: Payload,
    key: str,
    now: datetime,
    *,
    thread_of: str | None = None,
) -> str | None:
    """Queue a message for the staff review channel; returns its dedupe key (None without a channel)."""
    if not review_channel:
        log.error("DEVCENTER_REVIEW_CHANNEL is not set: staff message %s not queued", key)
        return None
    queue(uow, payload, review_channel, key, now, thread_of=thread_of)
    return key


def edit_posted(uow: UnitOfWork, payload: Payload, parent_key: str, key: str, now: datetime) -> bool:
    """Queue an edit (an `edits_parent` payload) of the message queued as `parent_key`; False when there is no such
    message or it failed for good (an edit of it would wait forever)."""
    if not payload.edits_parent:
        raise TypeError(f"{type(payload).__name__} does not edit a message")
    parent = uow.outbox.by_key(parent_key)
    if parent is None or parent.status is OutboxStatus.FAILED:
        return False
    return queue(uow, payload, parent.channel, key, now, thread_of=parent_key)
