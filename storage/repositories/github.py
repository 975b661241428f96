"""Queries of GitHub pull request sync: deliveries and effects already handled, integrations by pull request."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from slackbot.domain.lifecycle import Stage
from storage.models.github import GitHubDelivery
from storage.models.partners import Integration
from storage.repositories.base import insert_ignoring_conflicts


class GitHubRepository:
    """The dedupe ledger of GitHub deliveries and effects."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def delivery_seen(self, delivery_id: str) -> bool:
        """Whether a delivery with this X-GitHub-Delivery id was handled before."""
        query = select(GitHubDelivery.id).where(GitHubDelivery.delivery_id == delivery_id)
        return self.session.scalars(query).first() is not None

    def effect_seen(self, effect_key: str) -> bool:
        """Whether this GitHub fact (a review, a merge, a head commit) was applied before."""
        query = select(GitHubDelivery.id).where(GitHubDelivery.effect_key == effect_key)
        return self.session.scalars(query).first() is not None

    def record(
        self,
        *,
        delivery_id: str | None,
        effect_key: str | None,
        event: str,
        pull_number: int | None,
        integration_id: int | None,
        outcome: str,
        now: datetime,
    ) -> bool:
        """Record a delivery and/or an effect in the caller's transaction; False when either was recorded first
        (a concurrent delivery of the same fact waits for the first to commit, then gets False)."""
        values = {
            "delivery_id": delivery_id, "effect_key": effect_key, "event": event[:64], "pull_number": pull_number,
            "integration_id": integration_id, "outcome": outcome[:300], "received_at": now,
        }  # fmt: skip
        return insert_ignoring_conflicts(self.session, GitHubDelivery, values)

    def latest(self, limit: int = 20) -> Sequence[GitHubDelivery]:
        """The newest rows, newest first."""
        return self.session.scalars(select(GitHubDelivery).order_by(GitHubDelivery.id.desc()).limit(limit)).all()

    def integrations_for_pull(self, number: int) -> Sequence[Integration]:
        """Integrations whose PR URL names pull request `number` (any spelling; the caller compares exactly)."""
        query = select(Integration).where(Integration.pr_url.contains(f"/pull/{number}"))
        return self.session.scalars(query.order_by(Integration.submitted_at.desc(), Integration.id.desc())).all()

    def tracked(self, stages: Sequence[Stage]) -> Sequence[Integration]:
        """Integrations at these stages with a pull request and no merge recorded, oldest activity first."""
        query = select(Integration).where(
            Integration.stage.in_(stages), Integration.pr_url.is_not(None), Integration.merged_at.is_(None)
        )
        return self.session.scalars(query.order_by(Integration.updated_at, Integration.id)).all()
