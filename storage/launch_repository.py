"""Queries for launching: catalog metadata, checklist ticks, customer verifications, stage entry times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session

from slackbot.domain.lifecycle import Stage
from storage.launch_models import CatalogEntry, ChecklistTick, CustomerVerification
from storage.models import AuditEntry, Integration, StaffRequest

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


class LaunchRepository:
    """Everything the launch use cases read and write."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- catalog metadata ---------------------------------------------------------------------------
    def catalog(self, integration_id: int) -> CatalogEntry | None:
        """The stored metadata of an integration."""
        return self.session.get(CatalogEntry, integration_id)

    def catalogs(self, integration_ids: Sequence[int]) -> dict[int, CatalogEntry]:
        """Stored metadata of several integrations, by integration id."""
        if not integration_ids:
            return {}
        rows = self.session.scalars(select(CatalogEntry).where(CatalogEntry.integration_id.in_(integration_ids)))
        return {row.integration_id: row for row in rows}

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

    # -- checklist ----------------------------------------------------------------------------------
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

    # -- customer verifications ---------------------------------------------------------------------
    def verification(self, verification_id: int) -> CustomerVerification | None:
        """A verification by id."""
        return self.session.get(CustomerVerification, verification_id)

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
            status="pending",
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
            .where(CustomerVerification.id == verification_id, CustomerVerification.status == "pending")
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
            .where(CustomerVerification.integration_id.in_(integration_ids), CustomerVerification.status == "confirmed")
            .group_by(CustomerVerification.integration_id)
        )
        return {integration_id: count for integration_id, count in self.session.execute(query).tuples()}

    def pending_verifications(self, limit: int) -> Sequence[CustomerVerification]:
        """Verifications waiting for staff, oldest first."""
        query = select(CustomerVerification).where(CustomerVerification.status == "pending")
        return self.session.scalars(query.order_by(CustomerVerification.recorded_at).limit(limit)).all()

    # -- lifecycle facts ----------------------------------------------------------------------------
    def entered_stage(self, integration: Integration, stage: Stage) -> datetime | None:
        """When the integration last entered `stage` (audit trail; the release time for private beta)."""
        query = select(func.max(AuditEntry.at)).where(
            AuditEntry.subject_type == "integration",
            AuditEntry.subject_id == integration.id,
            AuditEntry.to_stage == stage.value,
        )
        at = self.session.scalar(query)
        if at is None and stage is Stage.PRIVATE_BETA:
            at = integration.released_at
        if at is None and integration.stage is stage:  # imported at this stage: no audit trail
            at = integration.updated_at
        return at

    def ever_requested(self, integration_id: int, kind: str) -> bool:
        """Whether staff ever asked this integration for `kind` (open or answered)."""
        query = select(StaffRequest.id).where(StaffRequest.integration_id == integration_id, StaffRequest.kind == kind)
        return self.session.scalars(query.limit(1)).first() is not None

    def open_requests(self, integration_ids: Sequence[int]) -> Sequence[StaffRequest]:
        """Open staff requests of these integrations, oldest first."""
        if not integration_ids:
            return []
        query = select(StaffRequest).where(
            StaffRequest.integration_id.in_(integration_ids), StaffRequest.status == "open"
        )
        return self.session.scalars(query.order_by(StaffRequest.requested_at)).all()

    def stage_counts(self) -> dict[Stage, int]:
        """How many integrations are at each stage."""
        query = select(Integration.stage, func.count()).group_by(Integration.stage)
        return {stage: count for stage, count in self.session.execute(query).tuples()}
