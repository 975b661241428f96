"""Typed models for launching: catalog metadata, checklist ticks, customer verifications."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, Timestamp


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
    test_password: Mapped[str] = mapped_column(Text, default="")  # sealed: fernet:<token> (slackbot.sealing)
    test_notes: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(Timestamp)

    def __repr__(self) -> str:  # never print the secrets, even by accident
        return f"CatalogEntry(integration_id={self.integration_id!r}, name={self.name!r})"
