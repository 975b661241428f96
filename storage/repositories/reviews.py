"""Queries on staff requests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, joinedload

from slackbot.domain.reviews import RequestStatus
from storage.models.partners import Integration
from storage.models.reviews import StaffRequest


class StaffRequestRepository:
    """Requests from staff that partners answer."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, request_id: int) -> StaffRequest | None:
        """A request by id."""
        return self.session.get(StaffRequest, request_id)

    def add(self, integration: Integration, kind: str, requested_by: str, now: datetime) -> StaffRequest:
        """Open a request."""
        request = StaffRequest(
            integration_id=integration.id,
            kind=kind,
            status=RequestStatus.OPEN,
            requested_by=requested_by,
            requested_at=now,
        )
        self.session.add(request)
        self.session.flush()
        return request

    def open_of_kind(self, integration_id: int, kind: str) -> StaffRequest | None:
        """The open request of a kind on an integration, if any."""
        query = select(StaffRequest).where(
            StaffRequest.integration_id == integration_id,
            StaffRequest.kind == kind,
            StaffRequest.status == RequestStatus.OPEN,
        )
        return self.session.scalars(query).first()

    def answer(self, request_id: int, text: str, user_id: str, now: datetime) -> bool:
        """Record an answer once (conditional on the request still being open)."""
        statement = (
            update(StaffRequest)
            .where(StaffRequest.id == request_id, StaffRequest.status == RequestStatus.OPEN)
            .values(status=RequestStatus.ANSWERED, answer=text, answered_by=user_id, answered_at=now)
            .execution_options(synchronize_session="fetch")
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1

    def answered(self) -> Sequence[StaffRequest]:
        """Answered requests (waiting for staff to read), oldest answer first."""
        query = (
            select(StaffRequest)
            .where(StaffRequest.status == RequestStatus.ANSWERED)
            .order_by(StaffRequest.answered_at)
            .options(joinedload(StaffRequest.integration).joinedload(Integration.partner))
        )
        return self.session.scalars(query).all()

    def ever_requested(self, integration_id: int, kind: str) -> bool:
        """Whether staff ever asked this integration for `kind` (open or answered)."""
        query = select(StaffRequest.id).where(StaffRequest.integration_id == integration_id, StaffRequest.kind == kind)
        return self.session.scalars(query.limit(1)).first() is not None

    def open_requests(self, integration_ids: Sequence[int]) -> Sequence[StaffRequest]:
        """Open staff requests of these integrations, oldest first."""
        if not integration_ids:
            return []
        query = select(StaffRequest).where(
            StaffRequest.integration_id.in_(integration_ids), StaffRequest.status == RequestStatus.OPEN
        )
        return self.session.scalars(query.order_by(StaffRequest.requested_at)).all()
