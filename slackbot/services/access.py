"""Use cases of access: a company asks to join the partner program (the survey of the Public Beta checklist)."""

from __future__ import annotations

import logging
from datetime import date, datetime

from slackbot.domain.access import SUPPORT_EMAIL, AccessRequest, may_reapply, parse_access_request, reapply_from
from slackbot.domain.actors import Actor
from slackbot.domain.errors import Conflict, InvalidInput, NotPermitted
from slackbot.domain.lifecycle import Action, Facts, Role, Stage, decide
from slackbot.domain.messages.access import AccessReceived
from slackbot.domain.messages.cards import AccessCard
from slackbot.program import Program
from slackbot.services.cards import partner_card
from slackbot.services.outbox import notify_staff, queue
from storage.models.audit import AuditEntry
from storage.models.partners import Partner
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


def declined_text(company: str, again: date) -> str:
    """What a declined company is told: who to ask, and from when it may apply again."""
    return (
        f"The access request for {company} was declined. Questions about the decision: write to {SUPPORT_EMAIL}. "
        f"You may apply again with `/devcenter join` from {again:%A, %B} {again.day}, {again.year}."
    )


def ensure_can_request(program: Program, actor: Actor) -> None:
    """Refuse a second request (pending or approved) and staff, before any form opens; a declined company hears who
    to ask and when it may apply again (and from that day on, it may)."""
    if actor.partner_id is not None:
        with program.uow() as uow:
            partner = uow.partners.get(actor.partner_id)
        if partner is not None and partner.stage is Stage.ACCESS_REQUESTED:
            raise NotPermitted(
                f"The access request for {partner.name} is being reviewed (about one business "
                "day); I'll message you with the decision."
            )
        if partner is not None and partner.stage is Stage.DECLINED:
            if not may_reapply(partner.updated_at, program.now(), program.timezone):
                raise NotPermitted(declined_text(partner.name, reapply_from(partner.updated_at, program.timezone)))
            return
        raise NotPermitted("You already belong to a partner: use `/devcenter status` to see where it stands.")
    decide(None, Action.REQUEST_ACCESS, Role.STAFF if actor.is_staff else Role.STRANGER)


def request_access(program: Program, actor: Actor, values: dict[str, str | None], agreed: bool) -> str:
    """Record the survey, link the requester, post the staff card; returns the company name."""
    program.members.forget(actor.user_id)
    ensure_can_request(program, actor)
    request, now = parse_access_request(values, agreed), program.now()
    with program.uow() as uow:
        if actor.partner_id is None:
            (partner, entry), again = _new_partner(uow, actor, request, now), ""
        else:
            partner, entry = _reapplying(uow, program, actor, request, now)
            again = f":{entry.id}"
        partner.website, partner.survey, partner.requested_by = request.website, request.answers, actor.user_id
        uow.partners.set_email(partner, request.email, now)
        card = AccessCard(partner_card(uow, partner, program.timezone))
        partner.card_key = notify_staff(uow, program.review_channel, card, f"access_card:{partner.id}{again}", now)
        queue(uow, AccessReceived(partner.name), actor.user_id, f"access_received:{partner.id}{again}", now)
        uow.commit()
    program.members.forget(actor.user_id)
    log.info("access requested for partner %s by %s (%s)", request.company, actor.user_id, entry.action)
    return request.company


def _new_partner(uow: UnitOfWork, actor: Actor, request: AccessRequest, now: datetime) -> tuple[Partner, AuditEntry]:
    if uow.partners.by_name(request.company) is not None:
        message = f"{request.company} is already registered; ask a teammate to add you in your partner channel."
        raise InvalidInput({"company": message})
    partner = uow.partners.add(request.company, Stage.ACCESS_REQUESTED, None, now)
    uow.partners.add_member(partner, actor.user_id, is_external=actor.is_external, now=now)
    entry = uow.audit.record_move(
        partner, Action.REQUEST_ACCESS, actor.user_id, now, from_stage=None, to_stage=Stage.ACCESS_REQUESTED
    )
    return partner, entry


def _reapplying(
    uow: UnitOfWork, program: Program, actor: Actor, request: AccessRequest, now: datetime
) -> tuple[Partner, AuditEntry]:
    """A declined company applies again: the same record goes back to access requested, with the new answers."""
    partner = uow.partners.get(actor.partner_id or 0)
    assert partner is not None
    namesake = uow.partners.by_name(request.company)
    if namesake is not None and namesake.id != partner.id:
        raise InvalidInput({"company": f"{request.company} is already registered by another company."})
    wait_over = may_reapply(partner.updated_at, now, program.timezone)
    decide(partner.stage, Action.REAPPLY_ACCESS, Role.PARTNER, Facts(reapply_wait_over=wait_over))
    if not uow.partners.move(partner.id, Stage.DECLINED, Stage.ACCESS_REQUESTED, now):
        raise Conflict("This access request changed meanwhile; nothing was changed. Try `/devcenter join` again.")
    partner.name = request.company
    entry = uow.audit.record_move(
        partner, Action.REAPPLY_ACCESS, actor.user_id, now, from_stage=Stage.DECLINED, to_stage=Stage.ACCESS_REQUESTED
    )
    return partner, entry
