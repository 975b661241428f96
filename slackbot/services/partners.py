"""Use cases of partner records: who is acting, which integration a slug names, the CSV import."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from slackbot.domain.actors import Actor
from slackbot.domain.errors import InvalidInput, NotFound, NotPermitted
from slackbot.domain.lifecycle import Stage
from slackbot.domain.partners import PARTNER_STAGES, ImportRow
from slackbot.domain.reviews import Kind
from slackbot.program import Program
from storage.models.partners import Integration, Partner
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
    """Create or update partners, members and integrations; running it twice changes nothing more."""
    require_staff(actor, "partners import", "Only Segment staff can import partners.")
    now, counts = program.now(), [0, 0, 0, 0]
    with program.uow() as uow:
        for row in rows:
            partner = _partner(uow, row, now, counts)
            _members(uow, partner, row, now, counts)
            if row.stage not in PARTNER_STAGES:
                _integration(uow, partner, row, now, counts)
        uow.commit()
    program.members.forget()
    return ImportResult(*counts)


def _partner(uow: UnitOfWork, row: ImportRow, now: datetime, counts: list[int]) -> Partner:
    partner = uow.partners.by_name(row.company)
    if partner is None:
        counts[0] += 1
        stage = row.stage if row.stage in PARTNER_STAGES else Stage.BUILDING
        partner = uow.partners.add(row.company, stage, row.channel, now)
    elif row.channel and partner.channel_id != row.channel:
        partner.channel_id = row.channel
    if row.email and (partner.email or "").lower() != row.email.lower():
        uow.partners.set_email(partner, row.email, now)
    return partner


def _members(uow: UnitOfWork, partner: Partner, row: ImportRow, now: datetime, counts: list[int]) -> None:
    for user_id in row.users:
        existing = uow.partners.member(user_id)
        if existing is None:
            uow.partners.add_member(partner, user_id, is_external=True, now=now)
            counts[3] += 1
        elif existing.partner_id != partner.id:
            raise InvalidInput({f"line {row.line}": f"user {user_id} already belongs to another partner"})


def _integration(uow: UnitOfWork, partner: Partner, row: ImportRow, now: datetime, counts: list[int]) -> None:
    integration = uow.integrations.by_slug(row.slug)
    if integration is None:
        uow.integrations.add(partner, row.slug, row.integration, Kind.CLOUD.value, row.stage, now)
        counts[1] += 1
    elif integration.partner_id != partner.id:
        raise InvalidInput({f"line {row.line}": f"slug {row.slug!r} belongs to another partner"})
    elif (integration.name, integration.stage) != (row.integration, row.stage):
        integration.name, integration.stage, integration.updated_at = row.integration, row.stage, now
        counts[2] += 1
