"""Use cases: partners (or staff) record customers who verified an integration in beta; staff confirm them.

Only confirmed verifications count for the launch rule. Confirming can make the OAuth request due (once) and
make every gate pass, which posts a fresh staff card with the approve button.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

from slackbot.domain.actors import Actor
from slackbot.domain.errors import Conflict, InvalidInput, NotFound
from slackbot.domain.lifecycle import Action, Role, decide
from slackbot.domain.messages.launch import VerificationCard, VerificationConfirmed, VerificationRejected
from slackbot.domain.verifications import VerificationStatus, parse_verification
from slackbot.domain.views.launch import LaunchStatus, VerificationView
from slackbot.program import Program
from slackbot.services.cards import post_card_when_ready
from slackbot.services.launch import launch_status, request_oauth_when_due
from slackbot.services.outbox import notify_partner, notify_staff
from slackbot.services.partners import find_integration, require_staff
from storage.models.partners import Integration
from storage.models.verifications import CustomerVerification

log = logging.getLogger(__name__)
DECISIONS = {
    True: (VerificationStatus.CONFIRMED, "confirm_verification"),
    False: (VerificationStatus.REJECTED, "reject_verification"),
}


def verification_view(
    row: CustomerVerification, integration: Integration, status: LaunchStatus | None = None
) -> VerificationView:
    """A frozen view of a verification row."""
    return VerificationView(
        verification_id=row.id,
        slug=integration.slug,
        name=integration.name,
        partner_name=integration.partner.name,
        customer=row.customer,
        workspace=row.workspace,
        contact=row.contact,
        verified_on=row.verified_on,
        notes=row.notes,
        status=row.status,
        recorded_by=row.recorded_by,
        decided_by=row.decided_by,
        confirmed_total=status.confirmed if status else 0,
        launch=status,
    )


def _today(program: Program, now: datetime) -> date:
    return now.astimezone(ZoneInfo(program.timezone)).date()


def record(program: Program, actor: Actor, slug: str, values: dict[str, object]) -> VerificationView:
    """Store a verification (pending) and ask staff to confirm it on a card with Confirm / Reject."""
    now = program.now()
    with program.uow() as uow:
        integration = find_integration(uow, actor, slug, what="verify")
        decide(integration.stage, Action.RECORD_VERIFICATION, Role.STAFF if actor.is_staff else Role.PARTNER)
        verification = parse_verification(values, _today(program, now))
        if uow.verifications.verification_for(integration.id, verification.workspace) is not None:
            message = f"A verification from the workspace “{verification.workspace}” is already recorded for this "
            raise InvalidInput({"workspace": message + "integration."})
        row = uow.verifications.add_verification(
            integration.id,
            customer=verification.customer,
            workspace=verification.workspace,
            contact=verification.contact,
            verified_on=verification.verified_on,
            notes=verification.notes,
            by=actor.user_id,
            now=now,
        )
        note = f"{row.customer} ({row.workspace})"
        uow.audit.record_note(integration, Action.RECORD_VERIFICATION, actor.user_id, now, note)
        view = verification_view(row, integration, launch_status(uow, integration, program.launch_rule, now))
        card = VerificationCard(view)
        row.card_key = notify_staff(uow, program.review_channel, card, f"verification_card:{row.id}", now)
        uow.commit()
    log.info("verification #%s of %s recorded by %s", view.verification_id, view.slug, actor.user_id)
    return view


def decide_verification(program: Program, actor: Actor, verification_id: int, confirm: bool) -> VerificationView:
    """Staff confirm (it counts for the launch rule) or reject a verification; exactly one click wins."""
    message = "Only Segment staff can confirm customer verifications. Nothing was changed."
    require_staff(actor, f"verification decision #{verification_id}", message)
    (status, action), now = DECISIONS[confirm], program.now()
    with program.uow() as uow:
        row = uow.verifications.verification(verification_id)
        integration = uow.integrations.get(row.integration_id) if row is not None else None
        if row is None or integration is None:
            raise NotFound("That verification no longer exists.")
        decided = uow.verifications.decide_verification(row.id, status, actor.user_id, now)
        uow.verifications.reload(row)
        if not decided:
            raise Conflict(f"Already {row.status} by <@{row.decided_by}>. Nothing was changed.")
        uow.audit.record_note(integration, action, actor.user_id, now, f"{row.customer} ({row.workspace})")
        gates = launch_status(uow, integration, program.launch_rule, now)
        if confirm:
            request_oauth_when_due(
                uow, integration, gates.confirmed, actor, now, rule=program.launch_rule, timezone=program.timezone
            )
            post_card_when_ready(uow, program, integration, now)
        view = verification_view(row, integration, gates)
        notice = VerificationConfirmed(view) if confirm else VerificationRejected(view)
        notify_partner(uow, integration.partner, notice, f"{action}:{row.id}", now, timezone=program.timezone)
        uow.commit()
    log.info("verification #%s of %s %s by %s", verification_id, view.slug, status, actor.user_id)
    return view


def form(program: Program, actor: Actor, slug: str | None) -> tuple[str, str, date]:
    """Before opening the modal: (slug, name, today) when the actor may record a verification now."""
    with program.uow() as uow:
        integration = find_integration(uow, actor, slug, what="verify")
        decide(integration.stage, Action.RECORD_VERIFICATION, Role.STAFF if actor.is_staff else Role.PARTNER)
        return integration.slug, integration.name, _today(program, program.now())
