"""Queries on the audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from slackbot.domain.lifecycle import Stage
from storage.models.audit import AuditEntry
from storage.models.partners import Integration, Partner
from storage.repositories.status import entered_stage as fallback_entered


class AuditRepository:
    """The append-only audit trail."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def record(
        self,
        *,
        subject_type: str,
        subject_id: int,
        subject_key: str,
        action: str,
        actor: str,
        from_stage: str | None,
        to_stage: str | None,
        note: str | None,
        at: datetime,
    ) -> AuditEntry:
        """Append one entry (in the caller's transaction)."""
        entry = AuditEntry(
            subject_type=subject_type,
            subject_id=subject_id,
            subject_key=subject_key,
            action=action,
            actor_user_id=actor,
            from_stage=from_stage,
            to_stage=to_stage,
            note=note,
            at=at,
        )
        self.session.add(entry)
        self.session.flush()
        return entry

    def record_move(
        self,
        subject: Partner | Integration,
        action: str,
        actor: str,
        at: datetime,
        *,
        from_stage: Stage | None,
        to_stage: Stage | None,
        note: str | None = None,
    ) -> AuditEntry:
        """Append a stage change (or an attempt from `from_stage`) of a partner or an integration."""
        partner = isinstance(subject, Partner)
        return self.record(
            subject_type="partner" if partner else "integration",
            subject_id=subject.id,
            subject_key=subject.name if isinstance(subject, Partner) else subject.slug,
            action=action,
            actor=actor,
            from_stage=from_stage,
            to_stage=to_stage,
            note=note,
            at=at,
        )

    def record_note(
        self, subject: Partner | Integration, action: str, actor: str, at: datetime, note: str | None = None
    ) -> AuditEntry:
        """Append an event that leaves the stage as it is (a request, an answer, a checklist tick)."""
        return self.record_move(subject, action, actor, at, from_stage=subject.stage, to_stage=None, note=note)

    def last_for(self, subject_type: str, subject_id: int) -> AuditEntry | None:
        """The newest entry about a subject."""
        query = select(AuditEntry).where(AuditEntry.subject_type == subject_type, AuditEntry.subject_id == subject_id)
        return self.session.scalars(query.order_by(AuditEntry.id.desc())).first()

    def last_action(self, integration: Integration, action: str) -> AuditEntry | None:
        """The newest entry of one action on an integration (e.g. the latest change request)."""
        query = select(AuditEntry).where(
            AuditEntry.subject_type == "integration",
            AuditEntry.subject_id == integration.id,
            AuditEntry.action == action,
        )
        return self.session.scalars(query.order_by(AuditEntry.id.desc())).first()

    def for_subject(self, subject_type: str, subject_id: int) -> Sequence[AuditEntry]:
        """Entries about a subject, oldest first."""
        query = select(AuditEntry).where(AuditEntry.subject_type == subject_type, AuditEntry.subject_id == subject_id)
        return self.session.scalars(query.order_by(AuditEntry.id)).all()

    def all(self) -> Sequence[AuditEntry]:
        """Every entry, oldest first (exports)."""
        return self.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()

    def for_key(self, subject_key: str) -> Sequence[AuditEntry]:
        """Entries about one subject, oldest first."""
        query = select(AuditEntry).where(AuditEntry.subject_key == subject_key)
        return self.session.scalars(query.order_by(AuditEntry.at, AuditEntry.id)).all()

    def count(self) -> int:
        """How many entries exist."""
        return self.session.scalar(select(func.count()).select_from(AuditEntry)) or 0

    def entered_stage(self, integration: Integration, stage: Stage) -> datetime | None:
        """When the integration last entered `stage` (audit trail; the release time for private beta)."""
        query = select(func.max(AuditEntry.at)).where(
            AuditEntry.subject_type == "integration",
            AuditEntry.subject_id == integration.id,
            AuditEntry.to_stage == stage.value,
        )
        return fallback_entered(integration, stage, self.session.scalar(query))
