"""Staff requests on a submission that the partner answers."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    ForeignKey,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from slackbot.domain.reviews import RequestKind, RequestStatus
from storage.models.base import Base, Timestamp, enum_column

if TYPE_CHECKING:
    from storage.models.partners import Integration


class StaffRequest(Base):
    """A request from staff that the partner answers (replay compatibility info, OAuth)."""

    __tablename__ = "staff_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    integration_id: Mapped[int] = mapped_column(ForeignKey("integrations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RequestKind] = mapped_column(enum_column(RequestKind, 32))
    status: Mapped[RequestStatus] = mapped_column(enum_column(RequestStatus, 16), default=RequestStatus.OPEN)
    requested_by: Mapped[str] = mapped_column(String(32))
    requested_at: Mapped[datetime] = mapped_column(Timestamp)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(32))
    answered_at: Mapped[datetime | None] = mapped_column(Timestamp)

    integration: Mapped[Integration] = relationship(back_populates="requests")
