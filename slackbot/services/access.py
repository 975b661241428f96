"""Use cases of access: a company asks to join the partner program (the survey of the Public Beta checklist)."""

from __future__ import annotations

import logging

from slackbot.domain.access import parse_access_request
from slackbot.domain.actors import Actor
from slackbot.domain.errors import InvalidInput, NotPermitted
from slackbot.domain.lifecycle import Action, Role, Stage, decide
from slackbot.domain.messages.access import AccessReceived
from slackbot.domain.messages.cards import AccessCard
from slackbot.program import Program
from slackbot.services.cards import partner_card
from slackbot.services.outbox import notify_staff, queue

log = logging.getLogger(__name__)


def ensure_can_request(program: Program, actor: Actor) -> None:
    """Refuse a second request (pending or approved) and staff, before any form opens."""
    if actor.partner_id is not None:
        with program.uow() as uow:
            partner = uow.partners.get(actor.partner_id)
        if partner is not None and partner.stage is Stage.ACCESS_REQUESTED:
            raise NotPermitted(
                f"The access request for {partner.name} is being reviewed (about one business "
                "day); I'll message you with the decision."
            )
        raise NotPermitted("You already belong to a partner: use `/devcenter status` to see where it stands.")
    decide(None, Action.REQUEST_ACCESS, Role.STAFF if actor.is_staff else Role.STRANGER)


def request_access(program: Program, actor: Actor, values: dict[str, str | None], agreed: bool) -> str:
    """Record the survey, link the requester, post the staff card; returns the company name."""
    program.members.forget(actor.user_id)
    ensure_can_request(program, actor)
    request, now = parse_access_request(values, agreed), program.now()
    with program.uow() as uow:
        if uow.partners.by_name(request.company) is not None:
            message = f"{request.company} is already registered; ask a teammate to add you in your partner channel."
            raise InvalidInput({"company": message})
        partner = uow.partners.add(request.company, Stage.ACCESS_REQUESTED, None, now)
        partner.website, partner.survey, partner.requested_by = request.website, request.answers, actor.user_id
        uow.partners.add_member(partner, actor.user_id, is_external=actor.is_external, now=now)
        uow.audit.record_move(
            partner, Action.REQUEST_ACCESS, actor.user_id, now, from_stage=None, to_stage=Stage.ACCESS_REQUESTED
        )
        card = AccessCard(partner_card(uow, partner, program.timezone))
        partner.card_key = notify_staff(uow, program.review_channel, card, f"access_card:{partner.id}", now)
        queue(uow, AccessReceived(partner.name), actor.user_id, f"access_received:{partner.id}", now)
        uow.commit()
    program.members.forget(actor.user_id)
    log.info("access requested for partner %s by %s", request.company, actor.user_id)
    return request.company
