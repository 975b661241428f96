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
from slackbot.domain.messages import MessageKind
from slackbot.domain.verifications import parse_verification
from slackbot.domain.views.launch import LaunchStatus, VerificationView
from slackbot.services import launch
from slackbot.services.actors import require_staff
from slackbot.services.cards import notify_partner, notify_staff
from slackbot.services.gates import find_integration, launch_status
from storage.models.partners import Integration
from storage.models.verifications import CustomerVerification
from storage.uow import UowFactory

log = logging.getLogger(__name__)
DECISIONS = {True: ("confirmed", "confirm_verification"), False: ("rejected", "reject_verification")}


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


def record(
    uow_factory: UowFactory,
    actor: Actor,
    slug: str,
    values: dict[str, object],
    now: datetime,
    *,
    timezone: str,
    rule: str,
    review_channel: str | None,
) -> VerificationView:
    """Store a verification (pending) and ask staff to confirm it on a card with Confirm / Reject."""
    with uow_factory() as uow:
        integration = find_integration(uow, actor, slug, what="verify")
        role = Role.STAFF if actor.is_staff else Role.PARTNER
        decide(integration.stage, Action.RECORD_VERIFICATION, role)
        verification = parse_verification(values, now.astimezone(ZoneInfo(timezone)).date())
        launch_repo = uow.verifications
        if launch_repo.verification_for(integration.id, verification.workspace) is not None:
            raise InvalidInput(
                {
                    "workspace": f"A verification from the workspace “{verification.workspace}” is "
                    "already recorded for this integration."
                }
            )
        row = launch_repo.add_verification(
            integration.id,
            customer=verification.customer,
            workspace=verification.workspace,
            contact=verification.contact,
            verified_on=verification.verified_on,
            notes=verification.notes,
            by=actor.user_id,
            now=now,
        )
        uow.audit.record(
            subject_type="integration",
            subject_id=integration.id,
            subject_key=integration.slug,
            action=Action.RECORD_VERIFICATION,
            actor=actor.user_id,
            from_stage=integration.stage,
            to_stage=None,
            note=f"{row.customer} ({row.workspace})",
            at=now,
        )
        view = verification_view(row, integration, launch_status(uow, integration, rule, now))
        row.card_key = notify_staff(
            uow, review_channel, MessageKind.VERIFICATION_CARD, view.to_payload(), f"verification_card:{row.id}", now
        )
        uow.commit()
    log.info("verification #%s of %s recorded by %s", view.verification_id, view.slug, actor.user_id)
    return view


def decide_verification(
    uow_factory: UowFactory,
    actor: Actor,
    verification_id: int,
    confirm: bool,
    now: datetime,
    *,
    timezone: str,
    rule: str,
    review_channel: str | None,
) -> VerificationView:
    """Staff confirm (it counts for the launch rule) or reject a verification; exactly one click wins."""
    require_staff(
        actor,
        f"verification decision #{verification_id}",
        "Only Segment staff can confirm customer verifications. Nothing was changed.",
    )
    status, action = DECISIONS[confirm]
    with uow_factory() as uow:
        launch_repo = uow.verifications
        row = launch_repo.verification(verification_id)
        if row is None:
            raise NotFound("That verification no longer exists.")
        integration = uow.integrations.get(row.integration_id)
        assert integration is not None
        if not launch_repo.decide_verification(row.id, status, actor.user_id, now):
            uow.session.refresh(row)
            raise Conflict(f"Already {row.status} by <@{row.decided_by}>. Nothing was changed.")
        uow.session.refresh(row)
        uow.audit.record(
            subject_type="integration",
            subject_id=integration.id,
            subject_key=integration.slug,
            action=action,
            actor=actor.user_id,
            from_stage=integration.stage,
            to_stage=None,
            note=f"{row.customer} ({row.workspace})",
            at=now,
        )
        gates = launch_status(uow, integration, rule, now)
        if confirm:
            launch.request_oauth_when_due(uow, integration, gates.confirmed, actor, now, rule=rule)
            launch.post_card_when_ready(
                uow, integration, now, rule=rule, timezone=timezone, review_channel=review_channel
            )
        view = verification_view(row, integration, gates)
        kind = MessageKind.VERIFICATION_CONFIRMED if confirm else MessageKind.VERIFICATION_REJECTED
        notify_partner(uow, integration.partner, kind, view.to_payload(), f"{action}:{row.id}", now)
        uow.commit()
    log.info("verification #%s of %s %s by %s", verification_id, view.slug, status, actor.user_id)
    return view


def form(
    uow_factory: UowFactory, actor: Actor, slug: str | None, now: datetime, *, timezone: str
) -> tuple[str, str, date]:
    """Before opening the modal: (slug, name, today) when the actor may record a verification now."""
    with uow_factory() as uow:
        integration = find_integration(uow, actor, slug, what="verify")
        decide(integration.stage, Action.RECORD_VERIFICATION, Role.STAFF if actor.is_staff else Role.PARTNER)
        return integration.slug, integration.name, now.astimezone(ZoneInfo(timezone)).date()
