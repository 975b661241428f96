"""Planning a partner import: every row checked against what is stored, before anything is written (stdlib only).

The plan is what `services.partners.import_partners` writes in one transaction, in a few bulk statements: new
partners, channel changes, new members, new integrations, changed integrations. Conflicts (a user of another
partner, a slug of another partner) are all reported, each with its line, and then nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from slackbot.domain.lifecycle import Stage
from slackbot.domain.partners import PARTNER_STAGES, ImportRow


@dataclass(frozen=True)
class StoredIntegration:
    """An integration already stored under a slug the file names."""

    id: int
    partner_id: int
    name: str
    stage: Stage


@dataclass(frozen=True)
class Stored:
    """What the database holds for the companies, users and slugs the file names."""

    partners: dict[str, tuple[int, str | None]]  # company name → (partner id, channel id)
    members: dict[str, int]  # Slack user id → partner id
    integrations: dict[str, StoredIntegration]  # slug → the integration
    emails: dict[str, str | None] = field(default_factory=dict)  # company name → its contact email


@dataclass
class NewPartner:
    """A partner the import creates (from its first row; a later row's channel replaces the first's)."""

    row: ImportRow
    stage: Stage
    channel: str | None
    email: str | None = None


@dataclass
class ImportPlan:
    """Everything the import writes, and the problems that stop it."""

    new_partners: dict[str, NewPartner] = field(default_factory=dict)  # by company name, in file order
    channels: dict[int, str] = field(default_factory=dict)  # stored partner id → its new channel
    emails: dict[int, str] = field(default_factory=dict)  # stored partner id → its new contact email
    new_members: list[tuple[str, str]] = field(default_factory=list)  # (company, Slack user id)
    new_integrations: list[ImportRow] = field(default_factory=list)
    changed_integrations: list[tuple[int, ImportRow]] = field(default_factory=list)  # (integration id, row)
    errors: dict[str, str] = field(default_factory=dict)  # "line N" → what is wrong


def plan_import(rows: list[ImportRow], stored: Stored) -> ImportPlan:
    """What importing `rows` changes, given what is `stored` (the same outcome as applying the rows one by one)."""
    plan = ImportPlan()
    member_of: dict[str, str] = {}  # Slack user id → company, for users added by this file
    for row in rows:
        _partner(plan, row, stored)
        _members(plan, row, stored, member_of)
        if row.stage not in PARTNER_STAGES:
            _integration(plan, row, stored)
    return plan


def _partner(plan: ImportPlan, row: ImportRow, stored: Stored) -> None:
    known = stored.partners.get(row.company)
    if known is not None:
        if row.channel and row.channel != plan.channels.get(known[0], known[1]):
            plan.channels[known[0]] = row.channel
        current = plan.emails.get(known[0], stored.emails.get(row.company)) or ""
        if row.email and row.email.lower() != current.lower():
            plan.emails[known[0]] = row.email
        return
    new = plan.new_partners.get(row.company)
    if new is None:
        stage = row.stage if row.stage in PARTNER_STAGES else Stage.BUILDING
        plan.new_partners[row.company] = NewPartner(row, stage, row.channel, row.email)
        return
    new.channel, new.email = row.channel or new.channel, row.email or new.email


def _members(plan: ImportPlan, row: ImportRow, stored: Stored, member_of: dict[str, str]) -> None:
    partner = stored.partners.get(row.company)
    for user_id in row.users:
        if user_id in stored.members:
            other = partner is None or stored.members[user_id] != partner[0]
        elif user_id in member_of:
            other = member_of[user_id] != row.company
        else:
            member_of[user_id] = row.company
            plan.new_members.append((row.company, user_id))
            continue
        if other:
            plan.errors.setdefault(f"line {row.line}", f"user {user_id} already belongs to another partner")


def _integration(plan: ImportPlan, row: ImportRow, stored: Stored) -> None:
    known = stored.integrations.get(row.slug)
    partner = stored.partners.get(row.company)
    if known is None:
        plan.new_integrations.append(row)
    elif partner is None or known.partner_id != partner[0]:
        plan.errors.setdefault(f"line {row.line}", f"slug {row.slug!r} belongs to another partner")
    elif (known.name, known.stage) != (row.integration, row.stage):
        plan.changed_integrations.append((known.id, row))
