"""Use case: staff decide from the buttons on a card (approve, decline, request changes, requests, merged)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from slackbot.domain.actors import Actor
from slackbot.domain.errors import Conflict, NotFound, NotPermitted
from slackbot.domain.launch import DEFAULT_RULE
from slackbot.domain.lifecycle import TRANSITIONS, Action, Facts, Role, Stage, decide, stage_label
from slackbot.domain.messages import MessageKind
from slackbot.domain.releases import ReleaseCalendar
from slackbot.domain.text import parse_note
from slackbot.domain.views.reviews import Card
from slackbot.services.cards import facts_of, integration_card, notify_partner, partner_card
from storage.models.partners import Integration, Partner
from storage.uow import UnitOfWork, UowFactory

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
NOTIFICATIONS = {
    Action.APPROVE_ACCESS: MessageKind.ACCESS_APPROVED,
    Action.DECLINE_ACCESS: MessageKind.ACCESS_DECLINED,
    Action.REQUEST_CHANGES: MessageKind.CHANGES_REQUESTED,
    Action.REQUEST_REPLAY_INFO: MessageKind.REPLAY_INFO_REQUEST,
    Action.REQUEST_OAUTH: MessageKind.OAUTH_REQUEST,
    Action.APPROVE_REVIEW: MessageKind.REVIEW_APPROVED,
    Action.MARK_MERGED: MessageKind.MERGED,
    Action.APPROVE_PUBLIC_BETA: MessageKind.PUBLIC_BETA_APPROVED,
    Action.APPROVE_PUBLIC: MessageKind.PUBLIC_APPROVED,
}
REQUEST_KINDS = {Action.REQUEST_REPLAY_INFO: "replay_info", Action.REQUEST_OAUTH: "oauth"}


def _role(actor: Actor, owner_partner_id: int) -> Role:
    if actor.is_staff:
        return Role.STAFF
    return Role.PARTNER if actor.partner_id == owner_partner_id else Role.STRANGER


def _load(uow: UnitOfWork, action: Action, subject_id: int) -> Partner | Integration:
    subject = uow.partners.get(subject_id) if action in PARTNER_ACTIONS else uow.integrations.get(subject_id)
    if subject is None or action not in (*PARTNER_ACTIONS, *REVIEW_ACTIONS):
        raise NotFound("That card refers to something that no longer exists.")
    return subject


def check(uow_factory: UowFactory, actor: Actor, action: Action, subject_id: int) -> None:
    """Raise (and log) when `actor` may not take `action` at all; used before opening a reason modal."""
    with uow_factory() as uow:
        subject = _load(uow, action, subject_id)
        owner = subject.id if isinstance(subject, Partner) else subject.partner_id
        if _role(actor, owner) is not Role.STAFF:
            log.warning(
                "refused %s on %s #%s by %s (not staff)", action, type(subject).__name__, subject_id, actor.user_id
            )
            raise NotPermitted("Only Segment staff can use these buttons. Nothing was changed.")


def act(
    uow_factory: UowFactory,
    actor: Actor,
    action: Action,
    subject_id: int,
    expected: Stage,
    note: str | None,
    now: datetime,
    *,
    timezone: str,
    launch_rule: str = DEFAULT_RULE,
) -> Card:
    """Apply one staff decision with its audit row and notifications in one transaction; return the new card."""
    check(uow_factory, actor, action, subject_id)
    if TRANSITIONS[action].needs_note:
        note = parse_note(note)
    with uow_factory() as uow:
        subject = _load(uow, action, subject_id)
        if subject.stage is not expected:
            raise _conflict(uow, subject, subject.stage)
        facts = facts_of(subject, uow, rule=launch_rule, now=now) if isinstance(subject, Integration) else Facts()
        target = decide(subject.stage, action, Role.STAFF, facts)
        payload = _apply(uow, subject, action, expected, target, actor, now, timezone)
        entry = uow.audit.record(
            subject_type=_kind(subject),
            subject_id=subject.id,
            subject_key=_key(subject),
            action=action,
            actor=actor.user_id,
            from_stage=expected,
            to_stage=target if target is not expected else None,
            note=note,
            at=now,
        )
        partner = subject if isinstance(subject, Partner) else subject.partner
        payload.update(partner_name=partner.name, note=note, actor=actor.user_id, timezone=timezone)
        notify_partner(uow, partner, NOTIFICATIONS[action], payload, f"{action}:{entry.id}", now)
        card = (
            partner_card(uow, subject, timezone)
            if isinstance(subject, Partner)
            else integration_card(uow, subject, timezone, rule=launch_rule, now=now)
        )
        uow.commit()
    log.info("%s by %s on %s %s: %s -> %s", action, actor.user_id, _kind(subject), subject_id, expected, target)
    return card


def _apply(
    uow: UnitOfWork,
    subject: Partner | Integration,
    action: Action,
    expected: Stage,
    target: Stage,
    actor: Actor,
    now: datetime,
    timezone: str,
) -> dict[str, Any]:
    """The state change itself, conditional so that exactly one concurrent click wins."""
    if isinstance(subject, Partner):
        if not uow.partners.move(subject.id, expected, target, now):
            raise _conflict(uow, subject, target)
        return {}
    payload: dict[str, Any] = {"name": subject.name, "slug": subject.slug, "pr_url": subject.pr_url}
    if action is Action.MARK_MERGED:
        if not uow.integrations.set_once(subject.id, "merged_at", now, now):
            raise _conflict(uow, subject, expected)
        payload["release"] = ReleaseCalendar(timezone).release_for_merge(now).isoformat()
    elif action in REQUEST_KINDS:
        if uow.requests.open_of_kind(subject.id, REQUEST_KINDS[action]):
            raise Conflict("That request is already open and waiting for the partner's answer.")
        payload["request_id"] = uow.requests.add(subject, REQUEST_KINDS[action], actor.user_id, now).id
    elif target is not expected:
        extra = {"approved_at": now} if action is Action.APPROVE_REVIEW else {}
        if not uow.integrations.move(subject.id, expected, target, now, **extra):
            raise _conflict(uow, subject, target)
        if action is Action.APPROVE_REVIEW:
            window = ReleaseCalendar(timezone).next_window(now)
            payload.update(release=window.release.isoformat(), cutoff=window.cutoff.isoformat())
    uow.session.refresh(subject)
    return payload


def _conflict(uow: UnitOfWork, subject: Partner | Integration, stage: Stage) -> Conflict:
    uow.session.refresh(subject)
    last = uow.audit.last_for(_kind(subject), subject.id)
    who = f" by <@{last.actor_user_id}>" if last else ""
    return Conflict(
        f"Already handled{who}: {_key(subject)} is now {stage_label(subject.stage).lower()}. Nothing was changed."
    )


def _kind(subject: Partner | Integration) -> str:
    return "partner" if isinstance(subject, Partner) else "integration"


def _key(subject: Partner | Integration) -> str:
    return subject.name if isinstance(subject, Partner) else subject.slug
