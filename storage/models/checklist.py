"""Public Beta checklist items ticked by their owner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, Timestamp


class ChecklistTick(Base):
    """A Public Beta checklist item ticked by its owner."""

    __tablename__ = "checklist_ticks"
    __table_args__ = (UniqueConstraint("integration_id", "item", name="uq_checklist_ticks_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    integration_id: Mapped[int] = mapped_column(ForeignKey("integrations.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(64))
    ticked_by: Mapped[str] = mapped_column(String(32))
    ticked_at: Mapped[datetime] = mapped_column(Timestamp)
