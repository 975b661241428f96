"""Repositories, timestamps and migrations, on SQLite and PostgreSQL alike (the `database_url` params)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import StatementError

from slackbot.domain.lifecycle import Stage
from slackbot.emulator.harness import FrozenClock
from storage.db import SchemaNotReady, make_engine, require_current_schema
from storage.models.base import Base
from storage.uow import UowFactory

LEASE = timedelta(minutes=2)
FOREIGN_TABLES = {"apscheduler_jobs"}  # APScheduler's own table: not in our models, never ours to migrate


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (type_ == "table" and name in FOREIGN_TABLES)


def add_acme(uow: UowFactory, now: datetime) -> tuple[int, int]:
    """Acme Analytics with one member and the acme-analytics integration in review; (partner id, integration id)."""
    with uow() as u:
        partner = u.partners.add("Acme Analytics", Stage.BUILDING, "C0ACME0001", now)
        u.partners.add_member(partner, "U0ACMEDEV1", is_external=True, now=now)
        integration = u.integrations.add(
            partner,
            "acme-analytics",
            "Acme Analytics",
            "cloud",
            Stage.IN_REVIEW,
            now,
            pr_url="https://github.com/segmentio/action-destinations/pull/1234",
        )
        u.commit()
        return partner.id, integration.id


def enqueue(uow: UowFactory, key: str, now: datetime, channel: str = "C0ACME0001") -> int:
    with uow() as u:
        assert u.outbox.enqueue(dedupe_key=key, kind="welcome_channel", channel=channel, payload={"k": key}, now=now)
        u.commit()
        row = u.outbox.by_key(key)
        assert row is not None
        return row.id


def test_a_partner_its_member_and_its_integration_come_back_as_written(uow: UowFactory, clock: FrozenClock) -> None:
    partner_id, integration_id = add_acme(uow, clock())
    with uow() as u:
        partner = u.partners.get(partner_id)
        assert partner is not None
        assert (partner.name, partner.stage, partner.channel_id) == ("Acme Analytics", Stage.BUILDING, "C0ACME0001")
        assert u.partners.by_name("Acme Analytics") == partner
        assert u.partners.by_channel("C0ACME0001") == partner
        assert u.partners.by_member("U0ACMEDEV1") == partner
        assert u.partners.member_ids(partner_id) == ["U0ACMEDEV1"]
        member = u.partners.member("U0ACMEDEV1")
        assert member is not None and member.is_external and member.partner_id == partner_id
        integration = u.integrations.by_slug("acme-analytics")
        assert integration is not None and integration.id == integration_id
        assert integration.stage is Stage.IN_REVIEW
        assert integration.pr_url == "https://github.com/segmentio/action-destinations/pull/1234"
        assert [i.slug for i in u.integrations.for_partner(partner_id)] == ["acme-analytics"]
        assert u.partners.by_name("Globex") is None and u.partners.by_member("U0NOBODY01") is None
        assert u.integrations.by_slug("globex-insights") is None


def test_leaving_a_unit_of_work_without_commit_writes_nothing(uow: UowFactory, clock: FrozenClock) -> None:
    with uow() as u:
        u.partners.add("Acme Analytics", Stage.BUILDING, None, clock())
    with uow() as u:
        assert u.partners.by_name("Acme Analytics") is None


def test_timestamps_come_back_as_equal_aware_utc_datetimes(uow: UowFactory) -> None:
    pacific = datetime(2026, 11, 24, 16, 59, 59, 123456, tzinfo=ZoneInfo("America/Los_Angeles"))
    with uow() as u:
        partner = u.partners.add("Acme Analytics", Stage.BUILDING, None, pacific)
        u.integrations.add(partner, "acme-analytics", "Acme", "cloud", Stage.APPROVED, pacific, merged_at=pacific)
        u.commit()
    with uow() as u:
        integration = u.integrations.by_slug("acme-analytics")
        assert integration is not None
        for value in (integration.created_at, integration.merged_at, integration.partner.created_at):
            assert value == pacific
            assert value.tzinfo is UTC
            assert value.utcoffset() == timedelta(0)
        assert integration.approved_at is None


def test_a_naive_datetime_is_refused(uow: UowFactory) -> None:
    with uow() as u, pytest.raises(StatementError, match="naive datetime"):
        u.partners.add("Acme Analytics", Stage.BUILDING, None, datetime(2026, 11, 23, 9, 0))


def test_only_the_first_of_two_moves_from_the_same_stage_wins(uow: UowFactory, clock: FrozenClock) -> None:
    _, integration_id = add_acme(uow, clock())
    later = clock.advance(hours=1)
    with uow() as u:
        assert u.integrations.move(integration_id, Stage.IN_REVIEW, Stage.APPROVED, later, approved_at=later)
        u.commit()
    with uow() as u:
        assert not u.integrations.move(integration_id, Stage.IN_REVIEW, Stage.CHANGES_REQUESTED, later)
        u.commit()
    with uow() as u:
        integration = u.integrations.by_slug("acme-analytics")
        assert integration is not None
        assert (integration.stage, integration.approved_at, integration.updated_at) == (Stage.APPROVED, later, later)


def test_enqueue_is_idempotent_by_dedupe_key(uow: UowFactory, clock: FrozenClock) -> None:
    first = enqueue(uow, "welcome:acme", clock())
    with uow() as u:
        assert not u.outbox.enqueue(
            dedupe_key="welcome:acme",
            kind="welcome_dm",
            channel="U0OTHER001",
            payload={"other": True},
            now=clock.advance(minutes=5),
        )
        u.commit()
        row = u.outbox.by_key("welcome:acme")
        assert row is not None
        assert (row.id, row.kind, row.channel, row.payload) == (
            first,
            "welcome_channel",
            "C0ACME0001",
            {"k": "welcome:acme"},
        )
        assert u.outbox.counts() == {"pending": 1}


def test_due_ids_lists_pending_messages_whose_time_has_come_oldest_first(uow: UowFactory, clock: FrozenClock) -> None:
    start = clock()
    a = enqueue(uow, "a", start + timedelta(seconds=30))
    b = enqueue(uow, "b", start)
    c = enqueue(uow, "c", start + timedelta(seconds=30))
    enqueue(uow, "future", start + timedelta(hours=1))
    with uow() as u:
        assert u.outbox.due_ids(start, 10) == [b]
        assert u.outbox.due_ids(start + timedelta(seconds=30), 10) == [b, a, c]
        assert u.outbox.due_ids(start + timedelta(seconds=30), 2) == [b, a]
        u.outbox.reschedule(b, start + timedelta(minutes=10), "429 rate limited")
        u.outbox.mark_sent(a, "C0ACME0001", "1700000000.000100", start)
        u.commit()
    with uow() as u:
        assert u.outbox.due_ids(start + timedelta(minutes=9), 10) == [c]
        assert u.outbox.due_ids(start + timedelta(minutes=10), 10) == [c, b]


def test_a_claim_holds_a_lease_nobody_else_can_take_until_it_expires(uow: UowFactory, clock: FrozenClock) -> None:
    message_id = enqueue(uow, "welcome:acme", clock())
    start = clock()
    with uow() as u:
        first = u.outbox.claim(message_id, start, LEASE)
        u.commit()
    assert first is not None
    assert (first.id, first.attempts, first.maybe_sent) == (message_id, 1, False)
    assert (first.kind, first.channel, first.payload, first.thread_ts) == (
        "welcome_channel",
        "C0ACME0001",
        {"k": "welcome:acme"},
        None,
    )
    for moment in (start, start + LEASE - timedelta(seconds=1), start + LEASE):
        with uow() as u:
            assert u.outbox.claim(message_id, moment, LEASE) is None
            assert u.outbox.due_ids(moment, 10) == []
            u.commit()
    after = start + LEASE + timedelta(seconds=1)
    with uow() as u:
        assert u.outbox.due_ids(after, 10) == [message_id]
        second = u.outbox.claim(message_id, after, LEASE)
        u.commit()
    assert second is not None
    assert (second.attempts, second.maybe_sent) == (2, True)


def test_a_rescheduled_message_is_not_reported_as_a_crash(uow: UowFactory, clock: FrozenClock) -> None:
    message_id = enqueue(uow, "welcome:acme", clock())
    with uow() as u:
        assert u.outbox.claim(message_id, clock(), LEASE) is not None
        u.outbox.reschedule(message_id, clock() + timedelta(seconds=5), "x" * 600)
        u.commit()
    with uow() as u:
        row = u.outbox.by_key("welcome:acme")
        assert row is not None
        assert (row.status, row.claimed_until, row.last_error) == ("pending", None, "x" * 500)
        assert row.next_attempt_at == clock() + timedelta(seconds=5)
        again = u.outbox.claim(message_id, clock.advance(seconds=5), LEASE)
        u.commit()
    assert again is not None and (again.attempts, again.maybe_sent) == (2, False)


def test_a_message_rescheduled_for_later_cannot_be_claimed_before_then(uow: UowFactory, clock: FrozenClock) -> None:
    message_id = enqueue(uow, "welcome:acme", clock())
    with uow() as u:
        assert u.outbox.claim(message_id, clock(), LEASE) is not None
        u.outbox.reschedule(message_id, clock() + timedelta(seconds=30), "429 ratelimited")
        u.commit()
    with uow() as u:
        assert u.outbox.claim(message_id, clock(), LEASE) is None


def test_a_sent_message_records_where_it_went_and_cannot_be_claimed(uow: UowFactory, clock: FrozenClock) -> None:
    message_id = enqueue(uow, "welcome:acme", clock())
    with uow() as u:
        u.outbox.claim(message_id, clock(), LEASE)
        u.outbox.mark_sent(message_id, "C0ACME0001", "1700000000.000100", clock())
        u.commit()
    with uow() as u:
        row = u.outbox.by_key("welcome:acme")
        assert row is not None
        assert (row.status, row.sent_channel, row.sent_ts, row.sent_at, row.claimed_until) == (
            "sent",
            "C0ACME0001",
            "1700000000.000100",
            clock(),
            None,
        )
        assert u.outbox.claim(message_id, clock.advance(hours=1), LEASE) is None
        assert u.outbox.counts() == {"sent": 1}


def test_a_failed_message_keeps_its_error_and_is_never_due_again(uow: UowFactory, clock: FrozenClock) -> None:
    message_id = enqueue(uow, "welcome:acme", clock())
    with uow() as u:
        u.outbox.claim(message_id, clock(), LEASE)
        u.outbox.mark_failed(message_id, "channel_not_found")
        u.commit()
    with uow() as u:
        row = u.outbox.by_key("welcome:acme")
        assert row is not None and (row.status, row.last_error, row.claimed_until) == (
            "failed",
            "channel_not_found",
            None,
        )
        assert u.outbox.due_ids(clock.advance(days=1), 10) == []
        assert u.outbox.claim(message_id, clock(), LEASE) is None
        assert u.outbox.counts() == {"failed": 1}


def test_an_event_id_is_new_only_the_first_time(uow: UowFactory, clock: FrozenClock) -> None:
    with uow() as u:
        assert u.events.first_time("Ev0ACME001", "member_joined_channel", clock())
        assert not u.events.first_time("Ev0ACME001", "member_joined_channel", clock())
        u.commit()
    with uow() as u:
        assert not u.events.first_time("Ev0ACME001", "member_joined_channel", clock.advance(seconds=10))
        assert u.events.first_time("Ev0ACME002", "app_mention", clock())
        u.commit()


def test_audit_entries_are_listed_per_subject_oldest_first(uow: UowFactory, clock: FrozenClock) -> None:
    start = clock()
    entries = [
        ("integration:acme-analytics", "approve_review", "in_review", "approved", start + timedelta(hours=1)),
        ("integration:acme-analytics", "submit_for_review", "building", "in_review", start),
        ("integration:globex-insights", "withdraw", "building", "withdrawn", start),
    ]
    with uow() as u:
        for key, action, old, new, at in entries:
            u.audit.record(
                subject_type="integration",
                subject_id=1,
                subject_key=key,
                action=action,
                actor="U0STAFF001",
                from_stage=old,
                to_stage=new,
                note="looks good",
                at=at,
            )
        u.commit()
    with uow() as u:
        acme = u.audit.for_key("integration:acme-analytics")
        assert [(e.action, e.from_stage, e.to_stage, e.at) for e in acme] == [
            ("submit_for_review", "building", "in_review", start),
            ("approve_review", "in_review", "approved", start + timedelta(hours=1)),
        ]
        assert acme[0].actor_user_id == "U0STAFF001" and acme[0].note == "looks good"
        assert u.audit.for_key("partner:nobody") == []
        assert u.audit.count() == 3


def test_the_migrations_produce_exactly_the_models_schema(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True, "include_object": include_object}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_a_migrated_database_passes_the_schema_check(engine: Engine) -> None:
    require_current_schema(engine)


@pytest.fixture
def empty_database_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all, of the same kind as `database_url`."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"devcenter_empty_{uuid.uuid4().hex[:12]}"
    admin = make_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_an_empty_database_is_refused_with_the_command_that_fixes_it(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    try:
        with pytest.raises(SchemaNotReady, match="devcenter-bot db upgrade"):
            require_current_schema(engine)
    finally:
        engine.dispose()
