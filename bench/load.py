"""Bulk data for the benchmarks: partners, their Slack users and integrations (core inserts, fast)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, insert

from slackbot.domain.lifecycle import Stage
from storage.models.partners import Integration, Partner, PartnerMember

STAGES = [Stage.BUILDING, Stage.IN_REVIEW, Stage.APPROVED, Stage.PRIVATE_BETA, Stage.PUBLIC_BETA, Stage.PUBLIC]


def user_id(n: int) -> str:
    """The Slack user id of partner n's member."""
    return f"UB{n:08d}"


def load(engine: Engine, partners: int, integrations_per_partner: int, *, channels: list[str] | None = None) -> None:
    """Insert `partners` partners (one member each) with their integrations."""
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(Partner),
            [
                {
                    "id": n + 1,
                    "name": f"Bench Partner {n}",
                    "stage": Stage.BUILDING,
                    "created_at": now,
                    "updated_at": now,
                    "channel_id": channels[n] if channels else f"CB{n:08d}",
                }
                for n in range(partners)
            ],
        )
        connection.execute(
            insert(PartnerMember),
            [
                {"partner_id": n + 1, "slack_user_id": user_id(n), "is_external": True, "created_at": now}
                for n in range(partners)
            ],
        )
        connection.execute(
            insert(Integration),
            [
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
                for n in range(partners)
                for k in range(integrations_per_partner)
            ],
        )
