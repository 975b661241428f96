"""Customer verifications recorded in beta, confirmed by staff."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slackbot.domain.verifications import VerificationStatus
from storage.models.base import Base, Timestamp, enum_column


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
    status: Mapped[VerificationStatus] = mapped_column(
        enum_column(VerificationStatus, 16), default=VerificationStatus.PENDING, index=True
    )
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[datetime] = mapped_column(Timestamp)
    decided_by: Mapped[str | None] = mapped_column(String(32))
    decided_at: Mapped[datetime | None] = mapped_column(Timestamp)
    card_key: Mapped[str | None] = mapped_column(String(255))  # outbox key of the staff card
