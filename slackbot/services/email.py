"""Use cases of partner email: the contact address, turning email off, queueing an email beside a Slack notice."""

from __future__ import annotations

import logging
from datetime import datetime

from slackbot.domain.actors import Actor
from slackbot.domain.email import email_problem
from slackbot.domain.errors import InvalidInput, NotFound, NotPermitted
from slackbot.domain.messages.base import Payload
from slackbot.domain.messages.email import EMAIL_CHANNEL, PartnerEmail, email_facts_for
from slackbot.program import Program
from slackbot.services.outbox import queue
from slackbot.services.partners import require_staff
from storage.models.partners import Partner
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


def email_partner(uow: UnitOfWork, timezone: str, partner: Partner, notice: Payload, key: str, now: datetime) -> bool:
    """Queue the email twin of a Slack notice (same transaction, key `<key>:email`); True when one was queued.

    Nothing is queued when the notice has no email, the partner has no address, turned email off, or the mail
    server refused the address (staff see that on the card and set a new one with `partners set-email`).
    """
    facts = email_facts_for(notice, timezone)
    if facts is None or not partner.email or partner.email_opted_out or partner.email_refused_at is not None:
        return False
    return queue(uow, PartnerEmail.of(partner.id, partner.email, facts), EMAIL_CHANNEL, f"{key}:email", now)


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
