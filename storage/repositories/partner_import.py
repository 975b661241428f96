"""Bulk reads and writes of the partner import: batched IN lookups and executemany inserts (Core, no ORM objects)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from slackbot.domain.partner_import import Stored, StoredIntegration
from storage.models.partners import Integration, Partner, PartnerMember

BATCH = 5_000  # values per IN list and rows per INSERT batch
T = TypeVar("T")

PARTNERS: Table = Partner.__table__  # type: ignore[assignment]
MEMBERS: Table = PartnerMember.__table__  # type: ignore[assignment]
INTEGRATIONS: Table = Integration.__table__  # type: ignore[assignment]


def _batches(values: Sequence[T]) -> Iterator[Sequence[T]]:
    for low in range(0, len(values), BATCH):
        yield values[low : low + BATCH]


class PartnerImportRepository:
    """What an import needs to read about many companies, users and slugs at once, and its bulk writes."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def stored(self, companies: Sequence[str], users: Sequence[str], slugs: Sequence[str]) -> Stored:
        """The stored partners, memberships and integrations these names, users and slugs refer to."""
        partners: dict[str, tuple[int, str | None]] = {}
        emails: dict[str, str | None] = {}
        columns = (PARTNERS.c.name, PARTNERS.c.id, PARTNERS.c.channel_id, PARTNERS.c.email)
        for names in _batches(sorted(set(companies))):
            for name, pid, channel, email in self.session.execute(select(*columns).where(PARTNERS.c.name.in_(names))):
                partners[name], emails[name] = (pid, channel), email
        members: dict[str, int] = {}
        for ids in _batches(sorted(set(users))):
            query = select(MEMBERS.c.slack_user_id, MEMBERS.c.partner_id).where(MEMBERS.c.slack_user_id.in_(ids))
            members.update((user, pid) for user, pid in self.session.execute(query))
        integrations: dict[str, StoredIntegration] = {}
        columns = (INTEGRATIONS.c.slug, INTEGRATIONS.c.id, INTEGRATIONS.c.partner_id, INTEGRATIONS.c.name)
        for chunk in _batches(sorted(set(slugs))):
            query = select(*columns, INTEGRATIONS.c.stage).where(INTEGRATIONS.c.slug.in_(chunk))
            for slug, iid, pid, name, stage in self.session.execute(query):
                integrations[slug] = StoredIntegration(iid, pid, name, stage)
        return Stored(partners, members, integrations, emails)

    def add_partners(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        """Insert partners (dicts of column values); their ids by name."""
        ids: dict[str, int] = {}
        for chunk in _batches(rows):
            self.session.execute(insert(PARTNERS), list(chunk))
            names = [row["name"] for row in chunk]
            query = select(PARTNERS.c.name, PARTNERS.c.id).where(PARTNERS.c.name.in_(names))
            ids.update((name, pid) for name, pid in self.session.execute(query))
        return ids

    def add_members(self, rows: list[dict[str, Any]]) -> None:
        """Insert memberships (dicts of column values)."""
        for chunk in _batches(rows):
            self.session.execute(insert(MEMBERS), list(chunk))

    def add_integrations(self, rows: list[dict[str, Any]]) -> None:
        """Insert integrations (dicts of column values)."""
        for chunk in _batches(rows):
            self.session.execute(insert(INTEGRATIONS), list(chunk))

    def set_channels(self, channels: dict[int, str]) -> None:
        """Move stored partners to new channels."""
        if channels:
            statement = (
                update(PARTNERS).where(PARTNERS.c.id == bindparam("pid")).values(channel_id=bindparam("channel"))
            )
            self.session.execute(statement, [{"pid": k, "channel": v} for k, v in channels.items()])

    def set_emails(self, emails: dict[int, str], now: datetime) -> None:
        """New contact emails for stored partners (an earlier refusal no longer applies)."""
        if emails:
            statement = (
                update(PARTNERS)
                .where(PARTNERS.c.id == bindparam("pid"))
                .values(email=bindparam("new_email"), email_refused_reason=None, email_refused_at=None, updated_at=now)
            )
            self.session.execute(statement, [{"pid": k, "new_email": v} for k, v in emails.items()])

    def update_integrations(self, changes: list[dict[str, Any]], now: datetime) -> None:
        """Rename or restage stored integrations: dicts of iid, name, stage."""
        if changes:
            statement = (
                update(INTEGRATIONS)
                .where(INTEGRATIONS.c.id == bindparam("iid"))
                .values(name=bindparam("new_name"), stage=bindparam("new_stage"), updated_at=now)
            )
            self.session.execute(statement, changes)
