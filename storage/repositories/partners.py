"""Repositories: every query lives here, written with select()/update()/insert()."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session, joinedload

from slackbot.domain.lifecycle import Stage
from storage.models.partners import Integration, Partner, PartnerMember


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

    def reload(self, partner: Partner) -> None:
        """Read the partner's row again (after a concurrent change)."""
        self.session.refresh(partner)

    def by_member(self, slack_user_id: str) -> Partner | None:
        """The partner a Slack user belongs to."""
        query = select(Partner).join(PartnerMember).where(PartnerMember.slack_user_id == slack_user_id)
        return self.session.scalars(query).first()

    def names_by_member(self, slack_user_ids: Sequence[str]) -> dict[str, str]:
        """The partner name of each of these Slack users who belongs to one (one query)."""
        if not slack_user_ids:
            return {}
        query = (
            select(PartnerMember.slack_user_id, Partner.name)
            .join(Partner, Partner.id == PartnerMember.partner_id)
            .where(PartnerMember.slack_user_id.in_(set(slack_user_ids)))
        )
        return dict(self.session.execute(query).tuples().all())

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

    def set_email(self, partner: Partner, email: str | None, now: datetime) -> None:
        """A new contact address (its earlier refusal no longer applies)."""
        partner.email, partner.email_refused_reason, partner.email_refused_at = email, None, None
        partner.updated_at = now

    def record_email_refused(self, partner_id: int, address: str, reason: str, now: datetime) -> bool:
        """Remember that the mail server refused `address`, unless the partner has another one by now."""
        statement = (
            update(Partner)
            .where(Partner.id == partner_id, func.lower(Partner.email) == address.lower())
            .values(email_refused_reason=reason[:500], email_refused_at=now)
            .execution_options(synchronize_session="fetch")
        )
        result: CursorResult[Any] = self.session.execute(statement)  # type: ignore[assignment]
        return result.rowcount == 1

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

    def reload(self, integration: Integration) -> None:
        """Read the integration's row again (after a conditional update or a concurrent change)."""
        self.session.refresh(integration)

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
        return self.session.scalars(query.options(joinedload(Integration.partner))).all()  # lists name the partner

    def released_since(self, moment: datetime) -> Sequence[Integration]:
        """Integrations whose release was marked shipped at or after `moment`, in the order they shipped."""
        query = select(Integration).where(Integration.released_at >= moment, Integration.released_in.is_not(None))
        query = query.options(joinedload(Integration.partner))  # release lists name the partner
        return self.session.scalars(query.order_by(Integration.released_at, Integration.id)).all()

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

    def stage_counts(self) -> dict[Stage, int]:
        """How many integrations are at each stage."""
        query = select(Integration.stage, func.count()).group_by(Integration.stage)
        return {stage: count for stage, count in self.session.execute(query).tuples()}
