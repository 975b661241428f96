"""Queries on checklist ticks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models.checklist import ChecklistTick


class ChecklistRepository:
    """Public Beta checklist ticks."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def ticks(self, integration_id: int) -> dict[str, str]:
        """Ticked items of an integration: item key → who ticked it."""
        query = select(ChecklistTick).where(ChecklistTick.integration_id == integration_id)
        return {tick.item: tick.ticked_by for tick in self.session.scalars(query)}

    def tick(self, integration_id: int, item: str, by: str, now: datetime) -> None:
        """Tick an item (the caller checked it is not ticked yet)."""
        self.session.add(ChecklistTick(integration_id=integration_id, item=item, ticked_by=by, ticked_at=now))
        self.session.flush()

    def untick(self, integration_id: int, item: str) -> None:
        """Untick an item."""
        self.session.execute(
            delete(ChecklistTick).where(ChecklistTick.integration_id == integration_id, ChecklistTick.item == item)
        )
