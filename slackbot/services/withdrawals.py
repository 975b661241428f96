"""Use cases of withdrawals: the partner who owns an integration (or Segment staff) takes it out of the program."""

from __future__ import annotations

import logging

from slackbot.domain.actors import Actor
from slackbot.domain.errors import Conflict, IllegalTransition, NotPermitted
from slackbot.domain.lifecycle import Action, Role, Stage, decide, stage_label
from slackbot.domain.messages.withdrawals import IntegrationWithdrawn
from slackbot.domain.text import parse_note
from slackbot.domain.views.reviews import Withdrawal
from slackbot.program import Program
from slackbot.services.cards import refresh_card
from slackbot.services.outbox import notify_partner, notify_staff
from slackbot.services.partners import find_integration
from storage.models.partners import Integration
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
REFUSAL = "Only the partner that owns an integration, or Segment staff, can withdraw it. Nothing was changed."


def _role(actor: Actor) -> Role:
    return Role.STAFF if actor.is_staff else Role.PARTNER


def _withdrawable(uow: UnitOfWork, actor: Actor, slug: str | None) -> Integration:
    """The integration `slug` names (or the actor's only one), when the actor may withdraw it now."""
    if slug:
        named = uow.integrations.by_slug(slug.strip().lower())
        if named is not None and not (actor.is_staff or named.partner_id == actor.partner_id):
            log.warning("refused withdraw of %s by %s (not the owner or staff)", named.slug, actor.user_id)
            raise NotPermitted(REFUSAL)
    integration = find_integration(uow, actor, slug, what="withdraw")
    try:
        decide(integration.stage, Action.WITHDRAW, _role(actor))
    except IllegalTransition:
        label = stage_label(integration.stage).lower()
        raise NotPermitted(f"`{integration.slug}` is {label}: there is nothing to withdraw.") from None
    return integration


def _view(uow: UnitOfWork, integration: Integration, stage: Stage, actor: Actor) -> Withdrawal:
    open_requests = len(uow.requests.open_requests([integration.id]))
    partner = integration.partner.name
    return Withdrawal(integration.slug, integration.name, partner, stage, open_requests, actor.is_staff)


def withdraw_form(program: Program, actor: Actor, slug: str | None) -> Withdrawal:
    """Before the confirmation opens: what would be withdrawn (refused for anyone but its partner and staff)."""
    with program.uow() as uow:
        integration = _withdrawable(uow, actor, slug)
        return _view(uow, integration, integration.stage, actor)


def withdraw(program: Program, actor: Actor, slug: str, expected: Stage, note: str | None = None) -> Withdrawal:
    """Withdraw the integration (conditional on the stage the confirmation showed), with its audit row; retire its
    card's buttons, tell the partner and, in the card's thread, staff."""
    reason, now = parse_note(note, "reason", required=False), program.now()
    with program.uow() as uow:
        integration = _withdrawable(uow, actor, slug)
        if integration.stage is not expected or not uow.integrations.move(
            integration.id, expected, Stage.WITHDRAWN, now
        ):
            uow.integrations.reload(integration)
            label = stage_label(integration.stage).lower()
            raise Conflict(f"`{integration.slug}` changed meanwhile and is now {label}. Nothing was changed.")
        uow.integrations.reload(integration)
        entry = uow.audit.record_move(
            integration, Action.WITHDRAW, actor.user_id, now, from_stage=expected, to_stage=Stage.WITHDRAWN, note=reason
        )
        partner = integration.partner
        notice = IntegrationWithdrawn(
            partner.name, integration.name, integration.slug, actor.user_id, expected, reason or "", actor.is_staff
        )
        notify_partner(uow, partner, notice, f"withdraw:{entry.id}", now, timezone=program.timezone)
        refresh_card(uow, program, integration, now, f"withdraw:{entry.id}")
        key, thread = f"withdraw:{entry.id}:staff", integration.card_key
        notify_staff(uow, program.review_channel, notice, key, now, thread_of=thread)
        view = _view(uow, integration, expected, actor)
        uow.commit()
    log.info("integration %s withdrawn by %s (was %s)", view.slug, actor.user_id, expected)
    return view
