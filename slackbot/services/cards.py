"""Use cases of staff cards: the access and review cards, and the decisions staff take from their buttons."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from slackbot.domain.access import SURVEY_QUESTIONS, reapply_from
from slackbot.domain.actors import Actor
from slackbot.domain.errors import Conflict, NotFound, NotPermitted
from slackbot.domain.lifecycle import TRANSITIONS, Action, Facts, Role, Stage, allowed_actions, decide, stage_label
from slackbot.domain.messages import Payload
from slackbot.domain.messages.access import AccessApproved, AccessDeclined
from slackbot.domain.messages.cards import CardSuperseded, CardUpdated, ReviewCard, SupersededBy
from slackbot.domain.messages.launch import PublicApproved, PublicBetaApproved
from slackbot.domain.messages.reviews import (
    ChangesRequested,
    Merged,
    OAuthRequest,
    ReplayInfoRequest,
    ReviewApproved,
    request_key,
)
from slackbot.domain.reviews import RequestKind
from slackbot.domain.text import parse_note
from slackbot.domain.views.reviews import Card, CardEvent
from slackbot.program import Program
from slackbot.services.launch import BETA_STAGES, launch_status, lifecycle_facts
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
REQUEST_KINDS = {Action.REQUEST_REPLAY_INFO: RequestKind.REPLAY_INFO, Action.REQUEST_OAUTH: RequestKind.OAUTH}
Subject = Partner | Integration


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


@dataclass(frozen=True)
class _Applied:
    """What a decision did besides its stage change: a request opened, a release promised, a date to apply again."""

    request_id: int | None = None
    release: date | None = None
    cutoff: datetime | None = None
    reapply_from: date | None = None


def decide_on_card(
    program: Program, actor: Actor, action: Action, subject_id: int, expected: Stage, note: str | None = None
) -> Card:
    """Apply one staff decision with its audit row and notifications in one transaction; return the new card."""
    check_staff_action(program, actor, action, subject_id)
    note = parse_note(note) if TRANSITIONS[action].needs_note else note
    now = program.now()
    with program.uow() as uow:
        subject = _load(uow, action, subject_id)
        if subject.stage is not expected:
            raise _conflict(uow, subject)
        facts = lifecycle_facts(uow, subject, program.launch_rule, now) if isinstance(subject, Integration) else Facts()
        target = decide(subject.stage, action, Role.STAFF, facts) or expected
        applied = _apply(uow, program, subject, action, expected, target, actor, now)
        moved = target if target is not expected else None
        entry = uow.audit.record_move(
            subject, action, actor.user_id, now, from_stage=expected, to_stage=moved, note=note
        )
        partner = subject.partner if isinstance(subject, Integration) else subject
        notice = _notice(action, subject, applied, actor, note or "", program.timezone)
        key = request_key(applied.request_id) if applied.request_id else f"{action}:{entry.id}"  # Answer edits it
        notify_partner(uow, partner, notice, key, now)
        card = _card(uow, program, subject, now)
        uow.commit()
    log.info("%s by %s on %s %s: %s -> %s", action, actor.user_id, _kind(subject), subject_id, expected, target)
    return card


def _notice(action: Action, subject: Subject, applied: _Applied, actor: Actor, note: str, timezone: str) -> Payload:
    """What the partner is told about a decision."""
    if isinstance(subject, Partner):
        if action is Action.APPROVE_ACCESS:
            return AccessApproved(subject.name, actor.user_id)
        return AccessDeclined(subject.name, actor.user_id, note, applied.reapply_from)
    who = (subject.partner.name, subject.name, subject.slug)
    if action is Action.REQUEST_CHANGES:
        return ChangesRequested(*who, actor=actor.user_id, note=note)
    if action is Action.REQUEST_REPLAY_INFO:
        return ReplayInfoRequest(*who, request_id=applied.request_id or 0)
    if action is Action.REQUEST_OAUTH:
        return OAuthRequest(*who, request_id=applied.request_id or 0)
    if action is Action.APPROVE_REVIEW and applied.release and applied.cutoff:
        return ReviewApproved(*who, release=applied.release, cutoff=applied.cutoff, timezone=timezone)
    if action is Action.MARK_MERGED and applied.release:
        return Merged(*who, release=applied.release)
    return (PublicBetaApproved if action is Action.APPROVE_PUBLIC_BETA else PublicApproved)(*who)


def _card(uow: UnitOfWork, program: Program, subject: Subject, now: datetime) -> Card:
    if isinstance(subject, Integration):
        return integration_card(uow, program, subject, now)
    return partner_card(uow, subject, program.timezone)


def _apply(
    uow: UnitOfWork,
    program: Program,
    subject: Subject,
    action: Action,
    expected: Stage,
    target: Stage,
    actor: Actor,
    now: datetime,
) -> _Applied:
    """The state change itself, conditional so that exactly one concurrent click wins."""
    if isinstance(subject, Partner):
        if not uow.partners.move(subject.id, expected, target, now):
            raise _conflict(uow, subject)
        return _Applied(reapply_from=reapply_from(now, program.timezone) if target is Stage.DECLINED else None)
    plan, applied = schedule(uow, program.timezone, now), _Applied()  # with the freezes and emergencies declared
    if action is Action.MARK_MERGED:
        if not uow.integrations.set_once(subject.id, "merged_at", now, now):
            raise _conflict(uow, subject)
        applied = _Applied(release=plan.ships_on(now))
    elif action in REQUEST_KINDS:
        if uow.requests.open_of_kind(subject.id, REQUEST_KINDS[action]):
            raise Conflict("That request is already open and waiting for the partner's answer.")
        applied = _Applied(request_id=uow.requests.add(subject, REQUEST_KINDS[action], actor.user_id, now).id)
    elif target is not expected:
        extra = {"approved_at": now} if action is Action.APPROVE_REVIEW else {}
        if not uow.integrations.move(subject.id, expected, target, now, **extra):
            raise _conflict(uow, subject)
        if action is Action.APPROVE_REVIEW:
            window = plan.calendar.next_window(now)
            applied = _Applied(release=window.release, cutoff=window.cutoff)
    uow.integrations.reload(subject)
    return applied


def _conflict(uow: UnitOfWork, subject: Subject) -> Conflict:
    if isinstance(subject, Partner):
        uow.partners.reload(subject)
    else:
        uow.integrations.reload(subject)
    last = uow.audit.last_for(_kind(subject), subject.id)
    who = f" by <@{last.actor_user_id}>" if last else ""
    return Conflict(
        f"Already handled{who}: {_key(subject)} is now {stage_label(subject.stage).lower()}. Nothing was changed."
    )


def _kind(subject: Subject) -> str:
    return "partner" if isinstance(subject, Partner) else "integration"


def _key(subject: Subject) -> str:
    return subject.name if isinstance(subject, Partner) else subject.slug


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
