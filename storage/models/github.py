"""GitHub webhook deliveries and pull request facts already handled (one table for both kinds of dedupe)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, Timestamp


class GitHubDelivery(Base):
    """One webhook delivery (by X-GitHub-Delivery) or one applied GitHub fact (by effect key), or both.

    A redelivery under a new id gets its own row without an effect key: the effect is recorded once, on the row
    of the delivery (or the reconciliation run, which has no delivery id) that applied it.
    """

    __tablename__ = "github_deliveries"
    __table_args__ = (
        UniqueConstraint("delivery_id", name="uq_github_deliveries_delivery_id"),
        UniqueConstraint("effect_key", name="uq_github_deliveries_effect_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[str | None] = mapped_column(String(100))
    effect_key: Mapped[str | None] = mapped_column(String(255))
    event: Mapped[str] = mapped_column(String(64))  # e.g. pull_request_review, pull_request, sync
    pull_number: Mapped[int | None] = mapped_column(Integer)
    integration_id: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(300))
    received_at: Mapped[datetime] = mapped_column(Timestamp)
