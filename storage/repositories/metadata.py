"""Queries on catalog metadata."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models.metadata import CatalogEntry

CATALOG_FIELDS = (
    "name",
    "pr_url",
    "description",
    "website",
    "categories",
    "logo_svg",
    "mark_svg",
    "support_email",
    "test_username",
    "test_password",
    "test_notes",
)


class CatalogRepository:
    """Catalog metadata of integrations (the support email and test account are secrets)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def catalog(self, integration_id: int) -> CatalogEntry | None:
        """The stored metadata of an integration."""
        return self.session.get(CatalogEntry, integration_id)

    def catalogs(self, integration_ids: Sequence[int]) -> dict[int, CatalogEntry]:
        """Stored metadata of several integrations, by integration id."""
        if not integration_ids:
            return {}
        rows = self.session.scalars(select(CatalogEntry).where(CatalogEntry.integration_id.in_(integration_ids)))
        return {row.integration_id: row for row in rows}

    def with_password(self) -> list[CatalogEntry]:
        """Every entry that stores a test-account password."""
        return list(self.session.scalars(select(CatalogEntry).where(CatalogEntry.test_password != "")))

    def save_catalog(self, integration_id: int, values: dict[str, Any], by: str, now: datetime) -> CatalogEntry:
        """Insert or replace the metadata (values keyed by CATALOG_FIELDS)."""
        entry = self.catalog(integration_id)
        if entry is None:
            entry = CatalogEntry(integration_id=integration_id)
            self.session.add(entry)
        for name in CATALOG_FIELDS:
            setattr(entry, name, values[name])
        entry.updated_by, entry.updated_at = by, now
        self.session.flush()
        return entry
