"""deliver_due against a scripted fake Slack sender: once, at Slack's pace, loudly on failure, no duplicates."""

from __future__ import annotations

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from slackbot.config import Settings
from slackbot.domain.messages import MessageKind
from slackbot.emulator.harness import FrozenClock
from slackbot.program import Program
from slackbot.services.outbox import LEASE, MAX_ATTEMPTS, RetryLater, Undeliverable, backoff, deliver_due
from storage.models.outbox import OutboxMessage
from storage.repositories.outbox import ClaimedMessage
from storage.uow import UowFactory

ALERTS = "C0STAFFALRT"
ACME = "C0ACME0001"
CRASH_AFTER_POST = "crash after post"


class Crash(Exception):
    """The worker process died (here: an exception nobody catches)."""


@dataclass(frozen=True)
class Post:
    message_id: int
    channel: str
    ts: str


class FakeSender:
    """Slack as seen by the outbox: each send follows the script (an exception, a crash, else success)."""

    def __init__(self, *script: Exception | str, always: Exception | None = None) -> None:
        self.script = list(script)
        self.always = always
        self.lock = threading.Lock()
        self.posts: list[Post] = []
        self.send_calls: list[int] = []
        self.find_calls: list[int] = []

    def send(self, message: ClaimedMessage) -> tuple[str, str]:
        with self.lock:
            self.send_calls.append(message.id)
            step = self.script.pop(0) if self.script else self.always
            if isinstance(step, Exception):
                raise step
            post = Post(message.id, message.channel, f"1764000000.{len(self.posts):06d}")
            self.posts.append(post)
        if step == CRASH_AFTER_POST:
            raise Crash("killed between chat.postMessage and mark_sent")
        return post.channel, post.ts

    def find_sent(self, message: ClaimedMessage) -> tuple[str, str] | None:
        with self.lock:
            self.find_calls.append(message.id)
            found = [p for p in self.posts if p.message_id == message.id]
        return (found[0].channel, found[0].ts) if found else None

    def posted_ids(self) -> list[int]:
        return sorted(p.message_id for p in self.posts)


def enqueue(
    uow: UowFactory,
    clock: FrozenClock,
    key: str = "welcome:acme-analytics",
    kind: str = MessageKind.WELCOME_CHANNEL,
    channel: str = ACME,
) -> int:
    with uow() as u:
        u.outbox.enqueue(dedupe_key=key, kind=kind, channel=channel, payload={"partner": "Acme"}, now=clock())
        u.commit()
        row = u.outbox.by_key(key)
        assert row is not None
        return row.id


def row(uow: UowFactory, key: str = "welcome:acme-analytics") -> OutboxMessage:
    with uow() as u:
        found = u.outbox.by_key(key)
    assert found is not None
    return found


def counts(uow: UowFactory) -> dict[str, int]:
    with uow() as u:
        return u.outbox.counts()


def deliver(uow: UowFactory, sender: FakeSender, clock: FrozenClock, **kwargs: Any) -> Any:
    now = clock()  # the pass runs at one moment, as a worker's pass does
    program = Program(uow=uow, clock=lambda: now, settings=Settings(review_channel=ALERTS))
    return deliver_due(program, sender, **kwargs)


def test_a_due_message_is_posted_once_and_marked_sent(uow: UowFactory, clock: FrozenClock) -> None:
    message_id = enqueue(uow, clock)
    sender = FakeSender()
    report = deliver(uow, sender, clock)
    assert (report.sent, report.retried, report.failed, report.next_retry_at) == (1, 0, 0, None)
    assert sender.posts == [Post(message_id, ACME, "1764000000.000000")]
    sent = row(uow)
    assert (sent.status, sent.sent_channel, sent.sent_ts, sent.sent_at, sent.attempts) == (
        "sent",
        ACME,
        "1764000000.000000",
        clock(),
        1,
    )
    clock.advance(hours=1)
    assert deliver(uow, sender, clock).sent == 0
    assert len(sender.posts) == 1 and sender.find_calls == []


def test_a_429_waits_exactly_for_retry_after(uow: UowFactory, clock: FrozenClock) -> None:
    enqueue(uow, clock)
    sender = FakeSender(RetryLater("ratelimited", retry_after=30))
    start = clock()
    report = deliver(uow, sender, clock)
    assert (report.sent, report.retried, report.next_retry_at) == (0, 1, start + timedelta(seconds=30))
    waiting = row(uow)
    assert (waiting.status, waiting.next_attempt_at, waiting.last_error) == (
        "pending",
        start + timedelta(seconds=30),
        "ratelimited",
    )
    clock.advance(seconds=29)
    assert deliver(uow, sender, clock).sent == 0
    assert len(sender.send_calls) == 1
    clock.advance(seconds=1)
    assert deliver(uow, sender, clock).sent == 1
    assert len(sender.send_calls) == 2 and len(sender.posts) == 1


def test_without_retry_after_each_retry_waits_longer(uow: UowFactory, clock: FrozenClock) -> None:
    enqueue(uow, clock)
    sender = FakeSender(*(RetryLater("503 service_unavailable") for _ in range(4)))
    delays = []
    for _ in range(4):
        report = deliver(uow, sender, clock)
        assert report.next_retry_at is not None
        delays.append(report.next_retry_at - clock())
        clock.now = report.next_retry_at - timedelta(seconds=1)
        assert deliver(uow, sender, clock).retried == 0  # not retried early
        clock.advance(seconds=1)
    assert delays[0] >= timedelta(seconds=1)
    assert all(later > earlier for earlier, later in itertools.pairwise(delays))
    assert deliver(uow, sender, clock).sent == 1
    assert len(sender.send_calls) == 5 and row(uow).attempts == 5


def test_backoff_grows_but_never_beyond_an_hour() -> None:
    delays = [backoff(n) for n in range(1, 40)]
    assert delays == sorted(delays) and delays[0] < delays[3]
    assert max(delays) == timedelta(hours=1)


def test_after_max_attempts_the_message_fails_and_staff_are_alerted_once(uow: UowFactory, clock: FrozenClock) -> None:
    message_id = enqueue(uow, clock)
    sender = FakeSender(always=RetryLater("ratelimited", retry_after=1))
    for _ in range(3 * MAX_ATTEMPTS):
        deliver(uow, sender, clock)
        clock.advance(seconds=1)
    assert sender.send_calls.count(message_id) == MAX_ATTEMPTS
    failed = row(uow)
    assert (failed.status, failed.attempts) == ("failed", MAX_ATTEMPTS)
    assert failed.last_error is not None and "ratelimited" in failed.last_error
    alert = row(uow, f"alert:outbox:{message_id}")
    assert (alert.kind, alert.channel) == (MessageKind.STAFF_ALERT, ALERTS)
    assert alert.payload["outbox_id"] == message_id and alert.payload["message_kind"] == MessageKind.WELCOME_CHANNEL
    assert sender.send_calls.count(alert.id) == MAX_ATTEMPTS  # the alert itself failed too ...
    assert counts(uow) == {"failed": 2}  # ... and raised no alert about the alert


def test_an_undeliverable_message_fails_at_once_and_the_alert_is_posted(uow: UowFactory, clock: FrozenClock) -> None:
    message_id = enqueue(uow, clock)
    sender = FakeSender(Undeliverable("channel_not_found"))
    report = deliver(uow, sender, clock)
    assert (report.sent, report.failed) == (0, 1)
    assert (row(uow).status, row(uow).last_error) == ("failed", "channel_not_found")
    assert deliver(uow, sender, clock).sent == 1
    alert = row(uow, f"alert:outbox:{message_id}")
    assert sender.posts == [Post(alert.id, ALERTS, "1764000000.000000")]
    assert alert.payload["error"] == "channel_not_found"


def test_an_alert_that_cannot_be_delivered_raises_no_further_alert(uow: UowFactory, clock: FrozenClock) -> None:
    enqueue(uow, clock, key="alert:outbox:99", kind=MessageKind.STAFF_ALERT, channel=ALERTS)
    sender = FakeSender(always=Undeliverable("not_in_channel"))
    for _ in range(3):
        deliver(uow, sender, clock)
        clock.advance(minutes=1)
    assert len(sender.send_calls) == 1
    assert counts(uow) == {"failed": 1}


def test_without_an_alert_channel_a_failure_is_only_recorded(uow: UowFactory, clock: FrozenClock) -> None:
    enqueue(uow, clock)
    deliver_due(Program(uow=uow, clock=clock), FakeSender(Undeliverable("channel_not_found")))
    assert counts(uow) == {"failed": 1}


def test_a_crash_after_posting_is_reconciled_without_a_second_post(uow: UowFactory, clock: FrozenClock) -> None:
    message_id = enqueue(uow, clock)
    sender = FakeSender(CRASH_AFTER_POST)
    with pytest.raises(Crash):
        deliver(uow, sender, clock)
    assert row(uow).status == "pending"
    clock.advance(seconds=LEASE.total_seconds() - 1)
    assert deliver(uow, sender, clock).sent == 0  # the dead worker's lease still holds
    assert sender.find_calls == []
    clock.advance(seconds=2)
    assert deliver(uow, sender, clock).sent == 1
    assert sender.find_calls == [message_id]
    assert sender.send_calls == [message_id]
    recovered = row(uow)
    assert (recovered.status, recovered.sent_ts) == ("sent", sender.posts[0].ts)
    assert sender.posted_ids() == [message_id]


def test_a_crash_before_slack_got_the_post_sends_it_after_looking(uow: UowFactory, clock: FrozenClock) -> None:
    message_id = enqueue(uow, clock)
    sender = FakeSender(Crash("killed before chat.postMessage returned"))
    with pytest.raises(Crash):
        deliver(uow, sender, clock)
    clock.advance(seconds=LEASE.total_seconds() + 1)
    assert deliver(uow, sender, clock).sent == 1
    assert sender.find_calls == [message_id]
    assert sender.posted_ids() == [message_id]


def test_two_workers_draining_together_deliver_each_message_exactly_once(uow: UowFactory, clock: FrozenClock) -> None:
    ids = [enqueue(uow, clock, key=f"welcome:partner-{n:02d}") for n in range(40)]
    sender = FakeSender()
    start = threading.Barrier(2)

    def worker() -> int:
        start.wait(timeout=10)
        return deliver(uow, sender, clock).sent

    with ThreadPoolExecutor(2) as pool:
        sent = [f.result(timeout=60) for f in [pool.submit(worker), pool.submit(worker)]]
    assert sum(sent) == len(ids)
    assert sender.posted_ids() == sorted(ids)
    assert counts(uow) == {"sent": len(ids)}


def test_a_second_worker_does_not_post_before_retry_after(uow: UowFactory, clock: FrozenClock) -> None:
    first = enqueue(uow, clock, key="welcome:acme-analytics")
    second = enqueue(uow, clock, key="welcome:globex-insights")
    inner = FakeSender(RetryLater("ratelimited", retry_after=60))

    class SlowFirstPost(FakeSender):
        def send(self, message: ClaimedMessage) -> tuple[str, str]:
            if message.id == first:  # while worker A posts the first message, worker B drains the rest
                deliver(uow, inner, clock)
            return super().send(message)

    outer = SlowFirstPost()
    deliver(uow, outer, clock)
    assert inner.send_calls == [second]  # worker B hit the 429 on the second message
    assert outer.send_calls == [first], "worker A posted the second message before its Retry-After"
