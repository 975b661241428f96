"""Repositories: every query lives here, written with select()/update()/insert()."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from slackbot.domain.lifecycle import Stage
from storage.models import (
    AuditEntry,
    Integration,
    Partner,
    PartnerMember,
    StaffRequest,
)


class PartnerRepository:
    """Partners and the Slack users who belong to them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, partner_id: int) -> Partner | None:
        """A partner by id."""
        return self.session.get(Partner, partner_id)

    def by_name(self, name: str) -> Partner | None:
        """A partner by its exact company name."""
        return self.session.scalars(select(Partner).where(Partner.name == name)).first()

    def by_member(self, slack_user_id: str) -> Partner | None:
        """The partner a Slack user belongs to."""
        query = select(Partner).join(PartnerMember).where(PartnerMember.slack_user_id == slack_user_id)
        return self.session.scalars(query).first()

    def member_partner_id(self, slack_user_id: str) -> int | None:
        """The id of the partner a Slack user belongs to (one indexed lookup)."""
        query = select(PartnerMember.partner_id).where(PartnerMember.slack_user_id == slack_user_id)
        return self.session.scalars(query).first()

    def by_channel(self, channel_id: str) -> Partner | None:
        """The partner whose shared channel this is."""
        return self.session.scalars(select(Partner).where(Partner.channel_id == channel_id)).first()

    def add(self, name: str, stage: Stage, channel_id: str | None, now: datetime) -> Partner:
        """Create a partner."""
        partner = Partner(name=name, stage=stage, channel_id=channel_id, created_at=now, updated_at=now)
        self.session.add(partner)
        self.session.flush()
        return partner

    def member(self, slack_user_id: str) -> PartnerMember | None:
        """The membership row of a Slack user."""
        query = select(PartnerMember).where(PartnerMember.slack_user_id == slack_user_id)
        return self.session.scalars(query).first()

    def add_member(self, partner: Partner, slack_user_id: str, is_external: bool, now: datetime) -> PartnerMember:
        """Link a Slack user to a partner."""
        member = PartnerMember(
            partner_id=partner.id, slack_user_id=slack_user_id, is_external=is_external, created_at=now
        )
        self.session.add(member)
        self.session.flush()
        return member

    def move(self, partner_id: int, expected: Stage, target: Stage, now: datetime) -> bool:
        """Conditional access-stage change: exactly one concurrent caller wins."""
        statement = (
            update(Partner)
            .where(Partner.id == partner_id, Partner.stage == expected)
            .values(stage=target, updated_at=now)
            .execution_options(synchronize_session="fetch")
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1

    def at_stage(self, stage: Stage) -> Sequence[Partner]:
        """Partners at an access stage, oldest first."""
        return self.session.scalars(select(Partner).where(Partner.stage == stage).order_by(Partner.created_at)).all()

    def member_ids(self, partner_id: int) -> list[str]:
        """Slack user ids of a partner's members."""
        query = select(PartnerMember.slack_user_id).where(PartnerMember.partner_id == partner_id)
        return list(self.session.scalars(query.order_by(PartnerMember.id)))


class IntegrationRepository:
    """Integrations and their stage changes."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, integration_id: int) -> Integration | None:
        """An integration by id."""
        return self.session.get(Integration, integration_id)

    def by_slug(self, slug: str) -> Integration | None:
        """An integration by slug."""
        return self.session.scalars(select(Integration).where(Integration.slug == slug)).first()

    def by_pr_url(self, pr_url: str) -> Integration | None:
        """The integration a pull request is attached to, if any."""
        return self.session.scalars(select(Integration).where(Integration.pr_url == pr_url.rstrip("/"))).first()

    def for_partner(self, partner_id: int) -> Sequence[Integration]:
        """A partner's integrations, oldest first."""
        query = select(Integration).where(Integration.partner_id == partner_id).order_by(Integration.id)
        return self.session.scalars(query).all()

    def add(
        self, partner: Partner, slug: str, name: str, kind: str, stage: Stage, now: datetime, **fields: Any
    ) -> Integration:
        """Create an integration."""
        integration = Integration(
            partner_id=partner.id,
            slug=slug,
            name=name,
            kind=kind,
            stage=stage,
            created_at=now,
            updated_at=now,
            **fields,
        )
        self.session.add(integration)
        self.session.flush()
        return integration

    def at_stages(self, stages: Sequence[Stage]) -> Sequence[Integration]:
        """Integrations at any of these stages, oldest activity first."""
        query = select(Integration).where(Integration.stage.in_(stages)).order_by(Integration.updated_at)
        return self.session.scalars(query).all()

    def set_once(self, integration_id: int, column: str, value: Any, now: datetime) -> bool:
        """Set a column that is still NULL (e.g. merged_at); False when someone set it first."""
        field = getattr(Integration, column)
        statement = (
            update(Integration)
            .where(Integration.id == integration_id, field.is_(None))
            .values({column: value, "updated_at": now})
            .execution_options(synchronize_session="fetch")
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1

    def move(self, integration_id: int, expected: Stage, target: Stage, now: datetime, **fields: Any) -> bool:
        """Conditional stage change (WHERE stage = expected): exactly one concurrent caller wins."""
        statement = (
            update(Integration)
            .where(Integration.id == integration_id, Integration.stage == expected)
            .values(stage=target, updated_at=now, **fields)
            .execution_options(synchronize_session="fetch")
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1


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
            integration_id=integration.id, kind=kind, status="open", requested_by=requested_by, requested_at=now
        )
        self.session.add(request)
        self.session.flush()
        return request

    def open_of_kind(self, integration_id: int, kind: str) -> StaffRequest | None:
        """The open request of a kind on an integration, if any."""
        query = select(StaffRequest).where(
            StaffRequest.integration_id == integration_id, StaffRequest.kind == kind, StaffRequest.status == "open"
        )
        return self.session.scalars(query).first()

    def answer(self, request_id: int, text: str, user_id: str, now: datetime) -> bool:
        """Record an answer once (conditional on the request still being open)."""
        statement = (
            update(StaffRequest)
            .where(StaffRequest.id == request_id, StaffRequest.status == "open")
            .values(status="answered", answer=text, answered_by=user_id, answered_at=now)
            .execution_options(synchronize_session="fetch")
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1

    def answered(self) -> Sequence[StaffRequest]:
        """Answered requests (waiting for staff to read), oldest answer first."""
        query = select(StaffRequest).where(StaffRequest.status == "answered").order_by(StaffRequest.answered_at)
        return self.session.scalars(query).all()


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

    def last_for(self, subject_type: str, subject_id: int) -> AuditEntry | None:
        """The newest entry about a subject."""
        query = select(AuditEntry).where(AuditEntry.subject_type == subject_type, AuditEntry.subject_id == subject_id)
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
