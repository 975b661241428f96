"""Use cases of partner email: the contact address and turning email off (services.outbox.notify_partner queues
the emails beside their Slack notices)."""

from __future__ import annotations

import logging

from slackbot.domain.actors import Actor
from slackbot.domain.email import email_problem
from slackbot.domain.errors import InvalidInput, NotFound, NotPermitted
from slackbot.program import Program
from slackbot.services.partners import require_staff
from storage.models.partners import Partner
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


def set_partner_email(program: Program, actor: Actor, who: str, email: str) -> tuple[str, str | None]:
    """Staff set the contact address of the partner named by an integration slug or the company name.

    Returns (company, previous address). A new address clears an earlier refusal.
    """
    require_staff(actor, "partners set-email", "Only Segment staff can change a partner's email.")
    email = email.strip()
    if problem := email_problem(email):
        raise InvalidInput({"email": problem})
    with program.uow() as uow:
        partner = _partner_named(uow, who.strip())
        previous = partner.email
        uow.partners.set_email(partner, email, program.now())
        uow.audit.record_note(partner, "set_email", actor.user_id, program.now(), note=email)
        uow.commit()
        company = partner.name
    log.info("email of partner %s changed by %s", company, actor.user_id)
    return company, previous


def _partner_named(uow: UnitOfWork, who: str) -> Partner:
    integration = uow.integrations.by_slug(who.lower())
    partner = integration.partner if integration is not None else uow.partners.by_name(who)
    if partner is None:
        raise NotFound(f"No partner or integration called {who[:64]!r}.")
    return partner


def set_email_off(program: Program, actor: Actor, off: bool) -> bool:
    """A partner member turns email off (or on again) for the partner; Slack messages continue either way."""
    if actor.partner_id is None:
        raise NotPermitted("Only members of a Developer Center partner can change its email setting.")
    now = program.now()
    with program.uow() as uow:
        partner = uow.partners.get(actor.partner_id)
        if partner is None:
            raise NotFound("That partner no longer exists.")
        partner.email_opted_out, partner.updated_at = off, now
        uow.audit.record_note(partner, "email_off" if off else "email_on", actor.user_id, now)
        uow.commit()
    log.info("email %s for partner %s by %s", "off" if off else "on", actor.partner_id, actor.user_id)
    return off
