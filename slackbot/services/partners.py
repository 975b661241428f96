"""Use cases of partner records: who is acting, which integration a slug names, the CSV import."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slackbot.domain.actors import Actor
from slackbot.domain.errors import InvalidInput, NotFound, NotPermitted
from slackbot.domain.lifecycle import Stage
from slackbot.domain.partner_import import ImportPlan, NewPartner, Stored, plan_import
from slackbot.domain.partners import ImportRow
from slackbot.domain.reviews import Kind
from slackbot.program import Program
from storage.models.partners import Integration
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
CLOSED = (Stage.DECLINED, Stage.WITHDRAWN)
NO_ACCESS = (
    "You are not part of a Developer Center partner yet. Request access with `/devcenter join` "
    "(or ask in your partner channel), and the Segment team will get back to you in about one business day."
)


def resolve_actor(program: Program, user_id: str, *, is_staff: bool, is_external: bool = False) -> Actor:
    """Who is acting: staff (never external) and/or a partner member."""
    partner_id = program.members.partner_of(program.uow, user_id)
    return Actor(user_id, is_staff and not is_external, partner_id, is_external)


def require_staff(actor: Actor, action: str, message: str) -> None:
    """Refuse anyone but staff with `message`, and log the refusal (who tried what)."""
    if not actor.is_staff:
        log.warning("refused %s by %s (not staff)", action, actor.user_id)
        raise NotPermitted(message)


def find_integration(uow: UnitOfWork, actor: Actor, slug: str | None, *, what: str) -> Integration:
    """The integration `slug` names (or the actor's only one), if the actor may see it."""
    if slug:
        integration = uow.integrations.by_slug(slug.strip().lower())
        if integration is not None and not (actor.is_staff or integration.partner_id == actor.partner_id):
            log.warning("refused %s of %s by %s (not theirs)", what, integration.slug, actor.user_id or "nobody")
        if integration is None or not (actor.is_staff or integration.partner_id == actor.partner_id):
            raise NotFound(f"No integration called `{slug.strip()[:64]}` that you can see.")
        return integration
    if actor.partner_id is None:
        if actor.is_staff:
            raise NotFound(f"Staff: name the integration, for example `/devcenter {what} acme-analytics`.")
        raise NotPermitted("You are not part of a Developer Center partner yet. Request access with `/devcenter join`.")
    mine = [i for i in uow.integrations.for_partner(actor.partner_id) if i.stage not in CLOSED]
    if len(mine) != 1:
        names = ", ".join(f"`{i.slug}`" for i in mine) or "none yet — submit one with `/devcenter submit`"
        raise NotFound(f"Name the integration: `/devcenter {what} <slug>` (yours: {names}).")
    return mine[0]


@dataclass(frozen=True)
class ImportResult:
    """What an import changed."""

    partners_created: int
    integrations_created: int
    integrations_updated: int
    members_added: int


def import_partners(program: Program, actor: Actor, rows: list[ImportRow]) -> ImportResult:
    """Create or update partners, members and integrations; running it twice changes nothing more.

    All or nothing: every row is checked against the database first (each conflict reported with its line), then
    everything is written in one transaction with a few bulk statements.
    """
    require_staff(actor, "partners import", "Only Segment staff can import partners.")
    now = program.now()
    with program.uow() as uow:
        users = [user for row in rows for user in row.users]
        stored = uow.imports.stored([r.company for r in rows], users, [r.slug for r in rows if r.slug])
        plan = plan_import(rows, stored)
        if plan.errors:
            raise InvalidInput(plan.errors)
        _write(uow, plan, stored, now)
        uow.commit()
    program.members.forget()
    return ImportResult(
        len(plan.new_partners), len(plan.new_integrations), len(plan.changed_integrations), len(plan.new_members)
    )


def _write(uow: UnitOfWork, plan: ImportPlan, stored: Stored, now: datetime) -> None:
    """The plan's bulk writes: partners first (their ids), then members and integrations."""
    created = uow.imports.add_partners([_partner_values(new, now) for new in plan.new_partners.values()])
    ids = {**{name: known[0] for name, known in stored.partners.items()}, **created}
    uow.imports.set_channels(plan.channels)
    uow.imports.set_emails(plan.emails, now)
    uow.imports.add_members(
        [
            {"partner_id": ids[c], "slack_user_id": u, "is_external": True, "created_at": now}
            for c, u in plan.new_members
        ]
    )
    uow.imports.add_integrations([_integration_values(row, ids[row.company], now) for row in plan.new_integrations])
    changes = [
        {"iid": iid, "new_name": row.integration, "new_stage": row.stage} for iid, row in plan.changed_integrations
    ]
    uow.imports.update_integrations(changes, now)


def _partner_values(new: NewPartner, now: datetime) -> dict[str, Any]:
    """The columns of a partner the import creates."""
    return {
        "name": new.row.company,
        "stage": new.stage,
        "channel_id": new.channel,
        "email": new.email,
        "created_at": now,
        "updated_at": now,
    }


def _integration_values(row: ImportRow, partner_id: int, now: datetime) -> dict[str, Any]:
    """The columns of an integration the import creates."""
    return {
        "partner_id": partner_id,
        "slug": row.slug,
        "name": row.integration,
        "kind": Kind.CLOUD.value,
        "stage": row.stage,
        "created_at": now,
        "updated_at": now,
    }
