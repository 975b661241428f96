"""Queries on customer verifications."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from slackbot.domain.verifications import VerificationStatus
from storage.models.verifications import CustomerVerification


class VerificationRepository:
    """Customer verifications and their confirmation by staff."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def verification(self, verification_id: int) -> CustomerVerification | None:
        """A verification by id."""
        return self.session.get(CustomerVerification, verification_id)

    def reload(self, row: CustomerVerification) -> None:
        """Read the verification's row again (after a conditional update or a concurrent change)."""
        self.session.refresh(row)

    def verification_for(self, integration_id: int, workspace: str) -> CustomerVerification | None:
        """The verification of one workspace, if recorded."""
        query = select(CustomerVerification).where(
            CustomerVerification.integration_id == integration_id, CustomerVerification.workspace == workspace
        )
        return self.session.scalars(query).first()

    def add_verification(
        self,
        integration_id: int,
        *,
        customer: str,
        workspace: str,
        contact: str,
        verified_on: date,
        notes: str | None,
        by: str,
        now: datetime,
    ) -> CustomerVerification:
        """Record a verification, pending staff confirmation."""
        row = CustomerVerification(
            integration_id=integration_id,
            customer=customer,
            workspace=workspace,
            contact=contact,
            verified_on=verified_on,
            notes=notes,
            status=VerificationStatus.PENDING,
            recorded_by=by,
            recorded_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def decide_verification(self, verification_id: int, status: str, by: str, now: datetime) -> bool:
        """Confirm or reject a pending verification once (conditional update: one concurrent click wins)."""
        statement = (
            update(CustomerVerification)
            .where(
                CustomerVerification.id == verification_id, CustomerVerification.status == VerificationStatus.PENDING
            )
            .values(status=status, decided_by=by, decided_at=now)
            .execution_options(synchronize_session="fetch")
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1

    def verifications(self, integration_id: int) -> Sequence[CustomerVerification]:
        """An integration's verifications, oldest first."""
        query = select(CustomerVerification).where(CustomerVerification.integration_id == integration_id)
        return self.session.scalars(query.order_by(CustomerVerification.id)).all()

    def confirmed_counts(self, integration_ids: Sequence[int]) -> dict[int, int]:
        """Confirmed verifications per integration."""
        if not integration_ids:
            return {}
        query = (
            select(CustomerVerification.integration_id, func.count())
            .where(
                CustomerVerification.integration_id.in_(integration_ids),
                CustomerVerification.status == VerificationStatus.CONFIRMED,
            )
            .group_by(CustomerVerification.integration_id)
        )
        return {integration_id: count for integration_id, count in self.session.execute(query).tuples()}

    def pending_verifications(self, limit: int) -> Sequence[CustomerVerification]:
        """Verifications waiting for staff, oldest first."""
        query = select(CustomerVerification).where(CustomerVerification.status == VerificationStatus.PENDING)
        return self.session.scalars(query.order_by(CustomerVerification.recorded_at).limit(limit)).all()
