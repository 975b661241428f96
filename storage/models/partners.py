"""Typed SQLAlchemy 2 models. Schema changes go through Alembic (storage/migrations)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    String,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from slackbot.domain.lifecycle import Stage
from storage.models.base import Base, StageColumn, Timestamp

if TYPE_CHECKING:
    from storage.models.reviews import StaffRequest


class Partner(Base):
    """A company in the program, with its shared Slack channel."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    stage: Mapped[Stage] = mapped_column(StageColumn)
    channel_id: Mapped[str | None] = mapped_column(String(32), index=True)
    website: Mapped[str | None] = mapped_column(String(300))
    survey: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    requested_by: Mapped[str | None] = mapped_column(String(32))
    card_key: Mapped[str | None] = mapped_column(String(255))  # outbox key of the staff access card
    email: Mapped[str | None] = mapped_column(String(254))  # the contact address partner emails go to
    email_opted_out: Mapped[bool] = mapped_column(default=False, server_default=false())  # App Home: email off
    email_refused_reason: Mapped[str | None] = mapped_column(String(500))  # the mail server's 5xx for `email`
    email_refused_at: Mapped[datetime | None] = mapped_column(Timestamp)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    updated_at: Mapped[datetime] = mapped_column(Timestamp)

    members: Mapped[list[PartnerMember]] = relationship(back_populates="partner")
    integrations: Mapped[list[Integration]] = relationship(back_populates="partner")


class PartnerMember(Base):
    """A Slack user who belongs to a partner (usually an external Slack Connect user)."""

    __tablename__ = "partner_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    slack_user_id: Mapped[str] = mapped_column(String(32), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    is_external: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp)

    partner: Mapped[Partner] = relationship(back_populates="members")


class Integration(Base):
    """A destination a partner builds, moving through the lifecycle."""

    __tablename__ = "integrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    stage: Mapped[Stage] = mapped_column(StageColumn, index=True)
    pr_url: Mapped[str | None] = mapped_column(String(300))
    submitted_at: Mapped[datetime | None] = mapped_column(Timestamp)
    review_due_at: Mapped[datetime | None] = mapped_column(Timestamp)
    approved_at: Mapped[datetime | None] = mapped_column(Timestamp)
    merged_at: Mapped[datetime | None] = mapped_column(Timestamp)
    released_at: Mapped[datetime | None] = mapped_column(Timestamp)
    released_in: Mapped[date | None] = mapped_column(Date)  # the release day it shipped in
    card_key: Mapped[str | None] = mapped_column(String(255))  # outbox key of the latest review card
    submitted_by: Mapped[str | None] = mapped_column(String(32))
    submission_count: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    updated_at: Mapped[datetime] = mapped_column(Timestamp)

    partner: Mapped[Partner] = relationship(back_populates="integrations")
    requests: Mapped[list[StaffRequest]] = relationship(back_populates="integration", order_by="StaffRequest.id")
