"""Bulk data for the benchmarks: partners, their Slack users and integrations (Core inserts straight into the tables).

`load(engine, 10_000, 3)` then `load(engine, 100_000, 3, start=10_000)` grows the same database from 10k to 100k
partners without inserting the first 10k again.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, text

from slackbot.domain.lifecycle import Stage
from storage.models.partners import Integration, Partner, PartnerMember

STAGES = [Stage.BUILDING, Stage.IN_REVIEW, Stage.APPROVED, Stage.PRIVATE_BETA, Stage.PUBLIC_BETA, Stage.PUBLIC]
BATCH = 20_000


def user_id(n: int) -> str:
    """The Slack user id of partner n's member."""
    return f"UB{n:08d}"


def _batches(first: int, last: int) -> Iterator[range]:
    for low in range(first, last, BATCH):
        yield range(low, min(low + BATCH, last))


def _rows(numbers: range, per_partner: int, now: datetime, channels: list[str] | None) -> dict[str, list[Any]]:
    return {
        "partners": [
            {
                "id": n + 1,
                "name": f"Bench Partner {n}",
                "stage": Stage.BUILDING,
                "created_at": now,
                "updated_at": now,
                "channel_id": channels[n] if channels else f"CB{n:08d}",
            }
            for n in numbers
        ],
        "members": [
            {"partner_id": n + 1, "slack_user_id": user_id(n), "is_external": True, "created_at": now} for n in numbers
        ],
        "integrations": [
            {
                "partner_id": n + 1,
                "slug": f"bench-{n}-{k}",
                "name": f"Bench {n}/{k}",
                "kind": "cloud",
                "stage": STAGES[(n + k) % len(STAGES)],
                "pr_url": "https://github.com/segmentio/action-destinations/pull/1",
                "submission_count": 1,
                "created_at": now,
                "updated_at": now,
            }
            for n in numbers
            for k in range(per_partner)
        ],
    }


def _advance_sequence(connection: Connection) -> None:
    """Partner ids were given explicitly: move PostgreSQL's sequence past them so later inserts do not collide."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence('partners', 'id'), (SELECT max(id) FROM partners))")
        )


def load(
    engine: Engine,
    partners: int,
    integrations_per_partner: int,
    *,
    start: int = 0,
    channels: list[str] | None = None,
) -> None:
    """Insert partners number `start` … `partners - 1` (one member each) with their integrations."""
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for numbers in _batches(start, partners):
            rows = _rows(numbers, integrations_per_partner, now, channels)
            connection.execute(insert(Partner), rows["partners"])
            connection.execute(insert(PartnerMember), rows["members"])
            connection.execute(insert(Integration), rows["integrations"])
        _advance_sequence(connection)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))
