"""The status read model: a partner with its integrations and every fact the launch gates need, in one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from slackbot.domain.lifecycle import Stage
from slackbot.domain.verifications import VerificationStatus
from storage.models.audit import AuditEntry
from storage.models.checklist import ChecklistTick
from storage.models.metadata import CatalogEntry
from storage.models.partners import Integration, Partner
from storage.models.verifications import CustomerVerification

OAUTH_ITEM = "oauth"


@dataclass(frozen=True)
class GateFacts:
    """What an integration's launch gates read: verifications, when it entered its stage, OAuth, catalog metadata."""

    confirmed: int
    pending: int
    entered_at: datetime | None  # when it entered its current stage (`entered_stage`: the audit trail, else a fallback)
    oauth_ticked: bool
    catalog: CatalogEntry | None


@dataclass(frozen=True)
class IntegrationView:
    """One integration row with its gate facts."""

    integration: Integration
    gates: GateFacts


def _verifications(status: VerificationStatus) -> Any:
    return (
        select(func.count())
        .where(CustomerVerification.integration_id == Integration.id, CustomerVerification.status == status)
        .scalar_subquery()
    )


def _entered() -> Any:
    return (
        select(func.max(AuditEntry.at))
        .where(
            AuditEntry.subject_type == "integration",
            AuditEntry.subject_id == Integration.id,
            AuditEntry.to_stage == Integration.stage,
        )
        .scalar_subquery()
    )


def _oauth() -> Any:
    return exists().where(ChecklistTick.integration_id == Integration.id, ChecklistTick.item == OAUTH_ITEM)


class StatusRepository:
    """Bounded reads for the quick answers (status): a fixed number of statements whatever the data size."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def partner_view(self, partner_id: int, only: int | None = None) -> tuple[Partner, list[IntegrationView]] | None:
        """The partner and its integrations (or just integration `only`), oldest first, with their gate facts."""
        query = (
            select(
                Partner,
                Integration,
                CatalogEntry,
                _verifications(VerificationStatus.CONFIRMED),
                _verifications(VerificationStatus.PENDING),
                _entered(),
                _oauth(),
            )
            .outerjoin(Integration, Integration.partner_id == Partner.id)
            .outerjoin(CatalogEntry, CatalogEntry.integration_id == Integration.id)
            .where(Partner.id == partner_id)
            .order_by(Integration.id)
        )
        if only is not None:
            query = query.where(Integration.id == only)
        rows = self.session.execute(query).all()
        if not rows:
            return None
        views = [
            IntegrationView(
                integration,
                GateFacts(
                    confirmed or 0,
                    pending or 0,
                    entered_stage(integration, integration.stage, entered),
                    bool(oauth),
                    catalog,
                ),
            )
            for _, integration, catalog, confirmed, pending, entered, oauth in rows
            if integration is not None
        ]
        return rows[0][0], views

    def last_actions(self, integration_ids: list[int], action: str) -> dict[int, AuditEntry]:
        """The newest entry of one action on each of these integrations (one query)."""
        if not integration_ids:
            return {}
        query = select(AuditEntry).where(
            AuditEntry.subject_type == "integration",
            AuditEntry.subject_id.in_(integration_ids),
            AuditEntry.action == action,
        )
        newest: dict[int, AuditEntry] = {}
        for entry in self.session.scalars(query.order_by(AuditEntry.id)):
            newest[entry.subject_id] = entry
        return newest


def entered_stage(integration: Integration, stage: Stage, at: datetime | None) -> datetime | None:
    """When the integration entered `stage`: the audit trail, else its release time or its last update."""
    if at is None and stage is Stage.PRIVATE_BETA:
        at = integration.released_at
    if at is None and integration.stage is stage:  # imported at this stage: no audit trail
        at = integration.updated_at
    return at
