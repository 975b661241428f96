"""Use cases of staff cards: the access and review cards, and the decisions staff take from their buttons."""

from __future__ import annotations

import logging
from datetime import datetime

from slackbot.domain.access import SURVEY_QUESTIONS
from slackbot.domain.actors import Actor
from slackbot.domain.errors import NotFound, NotPermitted
from slackbot.domain.lifecycle import TRANSITIONS, Action, Role, Stage, allowed_actions
from slackbot.domain.messages.cards import CardSuperseded, CardUpdated, ReviewCard, SupersededBy
from slackbot.domain.messages.reviews import request_key
from slackbot.domain.text import parse_note
from slackbot.domain.views.reviews import Card, CardEvent, EmailStatus
from slackbot.program import Program
from slackbot.services.launch import BETA_STAGES, launch_status, lifecycle_facts
from slackbot.services.lifecycle import Decision, Subject, apply_decision, decision_notice, subject_kind
from slackbot.services.outbox import edit_posted, notify_partner, notify_staff
from slackbot.services.partners import find_integration, require_staff
from slackbot.services.releases_calendar import schedule
from storage.models.partners import Integration, Partner
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

PARTNER_ACTIONS = (Action.APPROVE_ACCESS, Action.DECLINE_ACCESS)
REVIEW_ACTIONS = (
    Action.APPROVE_REVIEW,
    Action.REQUEST_CHANGES,
    Action.REQUEST_REPLAY_INFO,
    Action.REQUEST_OAUTH,
    Action.MARK_MERGED,
    Action.APPROVE_PUBLIC_BETA,
    Action.APPROVE_PUBLIC,
)


def email_status(partner: Partner) -> EmailStatus | None:
    """What a card shows of the partner's email: the address, whether it is off, and a refusal."""
    if not partner.email:
        return None
    return EmailStatus(partner.email, partner.email_opted_out, partner.email_refused_reason, partner.email_refused_at)


def _history(uow: UnitOfWork, subject: str, subject_id: int) -> tuple[CardEvent, ...]:
    return tuple(CardEvent(e.action, e.actor_user_id, e.at, e.note) for e in uow.audit.for_subject(subject, subject_id))


def integration_card(uow: UnitOfWork, program: Program, integration: Integration, now: datetime) -> Card:
    """The review card of an integration as it stands now (with its launch gates once in beta)."""
    merged = integration.merged_at
    release = integration.released_in
    if merged is not None and integration.stage is Stage.APPROVED:
        release = schedule(uow, program.timezone, now).ships_on(merged)
    facts = lifecycle_facts(uow, integration, program.launch_rule, now)
    return Card(
        subject="integration",
        subject_id=integration.id,
        title=f"{integration.name} ({integration.slug})",
        stage=integration.stage,
        partner_name=integration.partner.name,
        timezone=program.timezone,
        actions=tuple(a.value for a in allowed_actions(integration.stage, Role.STAFF, facts)),
        launch=launch_status(uow, integration, program.launch_rule, now) if integration.stage in BETA_STAGES else None,
        history=_history(uow, "integration", integration.id),
        pr_url=integration.pr_url,
        email=email_status(integration.partner),
        submitted_at=integration.submitted_at,
        review_due_at=integration.review_due_at,
        merged_at=merged,
        release=release,
    )


def partner_card(uow: UnitOfWork, partner: Partner, timezone: str) -> Card:
    """The access-request card of a partner as it stands now."""
    survey = partner.survey or {}
    return Card(
        subject="partner",
        subject_id=partner.id,
        title=f"Access request: {partner.name}",
        stage=partner.stage,
        partner_name=partner.name,
        timezone=timezone,
        actions=tuple(a.value for a in allowed_actions(partner.stage, Role.STAFF)),
        history=_history(uow, "partner", partner.id),
        facts=tuple((label, str(survey.get(key, ""))) for key, label in SURVEY_QUESTIONS if survey.get(key)),
        submitted_at=partner.created_at,
        email=email_status(partner),
    )


def _load(uow: UnitOfWork, action: Action, subject_id: int) -> Subject:
    subject = uow.partners.get(subject_id) if action in PARTNER_ACTIONS else uow.integrations.get(subject_id)
    if subject is None or action not in (*PARTNER_ACTIONS, *REVIEW_ACTIONS):
        raise NotFound("That card refers to something that no longer exists.")
    return subject


def check_staff_action(program: Program, actor: Actor, action: Action, subject_id: int) -> None:
    """Raise (and log) when `actor` may not take `action` at all; used before opening a reason modal."""
    with program.uow() as uow:
        subject = _load(uow, action, subject_id)
        if not actor.is_staff:
            log.warning(
                "refused %s on %s #%s by %s (not staff)", action, type(subject).__name__, subject_id, actor.user_id
            )
            raise NotPermitted("Only Segment staff can use these buttons. Nothing was changed.")


def decide_on_card(
    program: Program, actor: Actor, action: Action, subject_id: int, expected: Stage, note: str | None = None
) -> Card:
    """Apply one staff decision with its audit row and notifications in one transaction; return the new card."""
    check_staff_action(program, actor, action, subject_id)
    note = parse_note(note) if TRANSITIONS[action].needs_note else note
    now = program.now()
    with program.uow() as uow:
        subject = _load(uow, action, subject_id)
        applied = apply_decision(uow, program, subject, actor, Decision(action, expected, note), now)
        partner = subject.partner if isinstance(subject, Integration) else subject
        notice = decision_notice(action, subject, applied, actor.user_id, note or "", program.timezone)
        key = (
            request_key(applied.request_id) if applied.request_id else f"{action}:{applied.entry_id}"
        )  # Answer edits it
        notify_partner(uow, partner, notice, key, now, timezone=program.timezone)
        card = subject_card(uow, program, subject, now)
        uow.commit()
    kind, target = subject_kind(subject), applied.target
    log.info("%s by %s on %s %s: %s -> %s", action, actor.user_id, kind, subject_id, expected, target)
    return card


def subject_card(uow: UnitOfWork, program: Program, subject: Subject, now: datetime) -> Card:
    """The card of an integration or of a partner's access request, as it stands now."""
    if isinstance(subject, Integration):
        return integration_card(uow, program, subject, now)
    return partner_card(uow, subject, program.timezone)


def _post_card(uow: UnitOfWork, program: Program, integration: Integration, key: str, now: datetime) -> bool:
    """Queue the integration's review card (with the buttons legal now), make it the card answers thread on, and
    retire the previous one: only one card of an integration has live buttons."""
    card = ReviewCard(integration_card(uow, program, integration, now))
    if notify_staff(uow, program.review_channel, card, key, now) is None:
        return False
    previous, integration.card_key = integration.card_key, key
    if previous and previous != key:
        retired = CardSuperseded(integration.name, integration.slug, now, program.timezone, SupersededBy.NEWER_CARD)
        edit_posted(uow, retired, previous, f"superseded:{previous}", now)
    return True


def refresh_card(uow: UnitOfWork, program: Program, integration: Integration, now: datetime, key: str) -> bool:
    """After a change made elsewhere (a release, a withdrawal), edit the live card to show it, buttons included."""
    if not integration.card_key:
        return False
    card = CardUpdated(integration_card(uow, program, integration, now))
    return edit_posted(uow, card, integration.card_key, f"card_updated:{integration.card_key}:{key}", now)


def post_card_when_ready(uow: UnitOfWork, program: Program, integration: Integration, now: datetime) -> bool:
    """Once per stage, when every gate of the next launch step passes: a fresh card with the approve button."""
    if integration.stage not in BETA_STAGES or not launch_status(uow, integration, program.launch_rule, now).ready:
        return False
    key = f"launch_ready:{integration.id}:{integration.stage.value}"
    if uow.outbox.by_key(key) is not None:
        return False
    return _post_card(uow, program, integration, key, now)


def post_card(program: Program, actor: Actor, slug: str) -> str:
    """Staff: post an integration's card in the review channel now (it shows why a step is not possible yet)."""
    require_staff(actor, f"post_card {slug}", "Only Segment staff can post review cards.")
    now = program.now()
    with program.uow() as uow:
        integration = find_integration(uow, actor, slug, what="card")
        entry = uow.audit.record_note(integration, "post_card", actor.user_id, now)  # the card's "as of" moment
        if not _post_card(uow, program, integration, f"review_card:{integration.id}:manual:{entry.id}", now):
            raise NotPermitted("DEVCENTER_REVIEW_CHANNEL is not set, so there is nowhere to post the card.")
        uow.commit()
        return integration.slug


def post_ready_cards(program: Program, now: datetime) -> int:
    """Daily: post the approve card of every beta integration whose gates now pass by time alone (e.g. 14 days)."""
    posted = 0
    with program.uow() as uow:
        for integration in uow.integrations.at_stages(sorted(BETA_STAGES)):
            posted += post_card_when_ready(uow, program, integration, now)
        uow.commit()
    return posted


def show_email_refusal(program: Program, partner_id: int, address: str, reason: str) -> bool:
    """The mail server refused a partner's address for good: record it, and edit its live cards to show staff."""
    now = program.now()
    with program.uow() as uow:
        if not uow.partners.record_email_refused(partner_id, address, reason, now):
            return False  # the partner has another address by now
        partner = uow.partners.get(partner_id)
        assert partner is not None
        if partner.card_key:
            card = CardUpdated(partner_card(uow, partner, program.timezone))
            edit_posted(
                uow, card, partner.card_key, f"card_updated:{partner.card_key}:email_refused:{now.timestamp():.0f}", now
            )
        for integration in uow.integrations.for_partner(partner_id):
            refresh_card(uow, program, integration, now, f"email_refused:{now.timestamp():.0f}")
        uow.commit()
    log.warning("the mail server refused the address of partner %s: %s", partner_id, reason)
    return True
