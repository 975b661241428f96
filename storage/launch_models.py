"""Typed models for launching: catalog metadata, checklist ticks, customer verifications."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Timestamp


class CatalogEntry(Base):
    """An integration's catalog metadata; support email and test account are secrets (staff only, never logged)."""

    __tablename__ = "catalog_metadata"

    integration_id: Mapped[int] = mapped_column(ForeignKey("integrations.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    pr_url: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    logo_svg: Mapped[str] = mapped_column(Text, default="")
    mark_svg: Mapped[str] = mapped_column(Text, default="")
    support_email: Mapped[str] = mapped_column(String(300), default="")
    test_username: Mapped[str] = mapped_column(String(300), default="")
    test_password: Mapped[str] = mapped_column(String(300), default="")
    test_notes: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(Timestamp)

    def __repr__(self) -> str:  # never print the secrets, even by accident
        return f"CatalogEntry(integration_id={self.integration_id!r}, name={self.name!r})"


class ChecklistTick(Base):
    """A Public Beta checklist item ticked by its owner."""

    __tablename__ = "checklist_ticks"
    __table_args__ = (UniqueConstraint("integration_id", "item", name="uq_checklist_ticks_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    integration_id: Mapped[int] = mapped_column(ForeignKey("integrations.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(64))
    ticked_by: Mapped[str] = mapped_column(String(32))
    ticked_at: Mapped[datetime] = mapped_column(Timestamp)


class CustomerVerification(Base):
    """A customer who verified the integration in private or public beta; counts once staff confirm it."""

    __tablename__ = "customer_verifications"
    __table_args__ = (UniqueConstraint("integration_id", "workspace", name="uq_verifications_workspace"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    integration_id: Mapped[int] = mapped_column(ForeignKey("integrations.id", ondelete="CASCADE"), index=True)
    customer: Mapped[str] = mapped_column(String(200))
    workspace: Mapped[str] = mapped_column(String(200))  # lowercased: one verification per workspace
    contact: Mapped[str] = mapped_column(String(300))
    verified_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)  # pending|confirmed|rejected
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[datetime] = mapped_column(Timestamp)
    decided_by: Mapped[str | None] = mapped_column(String(32))
    decided_at: Mapped[datetime | None] = mapped_column(Timestamp)
    card_key: Mapped[str | None] = mapped_column(String(255))  # outbox key of the staff card
