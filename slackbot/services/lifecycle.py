"""The one path a lifecycle decision takes, whoever makes it (a staff button, GitHub): the transition table, the
conditional state change, its audit row, and what the partner is told about it.

Callers open the unit of work, queue the notices they choose and commit; nothing here talks to Slack.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from slackbot.domain.access import reapply_from
from slackbot.domain.actors import Actor
from slackbot.domain.errors import Conflict
from slackbot.domain.lifecycle import Action, Facts, Role, Stage, decide, stage_label
from slackbot.domain.messages import Payload
from slackbot.domain.messages.access import AccessApproved, AccessDeclined
from slackbot.domain.messages.launch import PublicApproved, PublicBetaApproved
from slackbot.domain.messages.reviews import ChangesRequested, Merged, OAuthRequest, ReplayInfoRequest, ReviewApproved
from slackbot.domain.reviews import RequestKind
from slackbot.program import Program
from slackbot.services.launch import lifecycle_facts
from slackbot.services.releases_calendar import schedule
from storage.models.partners import Integration, Partner
from storage.uow import UnitOfWork

REQUEST_KINDS = {Action.REQUEST_REPLAY_INFO: RequestKind.REPLAY_INFO, Action.REQUEST_OAUTH: RequestKind.OAUTH}
Subject = Partner | Integration
# request id, release, cutoff, merged at, from when a declined company may apply again
Effects = tuple[int | None, date | None, datetime | None, datetime | None, date | None]
NO_EFFECTS: Effects = (None, None, None, None, None)


@dataclass(frozen=True)
class Decision:
    """One decision on a subject expected at `expected`.

    `at` is when it happened when that is not now (GitHub's merge time); `override` is a target outside the
    transition table (GitHub is the truth for merges); `audit_action` names the audit row when the action alone
    would mislead (a pull request closed on GitHub moves the stage as a change request does).
    """

    action: Action
    expected: Stage
    note: str | None = None
    at: datetime | None = None
    override: Stage | None = None
    audit_action: str | None = None


@dataclass(frozen=True)
class Applied:
    """What a decision did: its audit row, the stage it left, and any request opened or release promised."""

    entry_id: int
    target: Stage
    request_id: int | None = None
    release: date | None = None
    cutoff: datetime | None = None
    merged_at: datetime | None = None
    reapply_from: date | None = None


def apply_decision(
    uow: UnitOfWork, program: Program, subject: Subject, actor: Actor, decision: Decision, now: datetime
) -> Applied:
    """Check the decision against the table (unless overridden), change the state conditionally, audit it."""
    action, expected = decision.action, decision.expected
    if subject.stage is not expected:
        raise conflict(uow, subject)
    if decision.override is not None:
        target = decision.override
    else:
        facts = lifecycle_facts(uow, subject, program.launch_rule, now) if isinstance(subject, Integration) else Facts()
        target = decide(subject.stage, action, Role.STAFF, facts) or expected
    applied = _apply(uow, program, subject, decision, target, actor, now)
    entry = uow.audit.record_move(
        subject, decision.audit_action or action, actor.user_id, now, from_stage=expected,
        to_stage=target if target is not expected else None, note=decision.note,
    )  # fmt: skip
    return Applied(entry.id, target, *applied)


def _apply(
    uow: UnitOfWork, program: Program, subject: Subject, decision: Decision, target: Stage, actor: Actor, now: datetime
) -> Effects:
    """The state change itself, conditional so that exactly one concurrent click wins."""
    action, expected, at = decision.action, decision.expected, decision.at or now
    if isinstance(subject, Partner):
        if not uow.partners.move(subject.id, expected, target, now):
            raise conflict(uow, subject)
        again = reapply_from(now, program.timezone) if target is Stage.DECLINED else None
        return (None, None, None, None, again)
    plan, applied = schedule(uow, program.timezone, now), NO_EFFECTS  # with the freezes and emergencies declared
    if action is Action.MARK_MERGED:
        if not uow.integrations.set_once(subject.id, "merged_at", at, now):
            raise conflict(uow, subject)
        applied = (None, plan.ships_on(at), None, at, None)
    elif action in REQUEST_KINDS:
        if uow.requests.open_of_kind(subject.id, REQUEST_KINDS[action]):
            raise Conflict("That request is already open and waiting for the partner's answer.")
        applied = (uow.requests.add(subject, REQUEST_KINDS[action], actor.user_id, now).id, None, None, None, None)
    elif target is not expected:
        extra = {"approved_at": at} if action is Action.APPROVE_REVIEW else {}
        if not uow.integrations.move(subject.id, expected, target, now, **extra):
            raise conflict(uow, subject)
        if action is Action.APPROVE_REVIEW:
            window = plan.calendar.next_window(now)
            applied = (None, window.release, window.cutoff, None, None)
    uow.integrations.reload(subject)
    return applied


def decision_notice(
    action: Action, subject: Subject, applied: Applied, actor: str, note: str, timezone: str, link: str | None = None
) -> Payload:
    """What the partner is told about a decision (`link`: where it was made, when not in Slack)."""
    if isinstance(subject, Partner):
        if action is Action.APPROVE_ACCESS:
            return AccessApproved(subject.name, actor)
        return AccessDeclined(subject.name, actor, note, applied.reapply_from)
    who = (subject.partner.name, subject.name, subject.slug)
    if action is Action.REQUEST_CHANGES:
        return ChangesRequested(*who, actor=actor, note=note, link=link)
    if action is Action.REQUEST_REPLAY_INFO:
        return ReplayInfoRequest(*who, request_id=applied.request_id or 0)
    if action is Action.REQUEST_OAUTH:
        return OAuthRequest(*who, request_id=applied.request_id or 0)
    if action is Action.APPROVE_REVIEW and applied.release and applied.cutoff:
        return ReviewApproved(*who, release=applied.release, cutoff=applied.cutoff, timezone=timezone)
    if action is Action.MARK_MERGED and applied.release:
        return Merged(*who, release=applied.release, merged_at=applied.merged_at, timezone=timezone)
    return (PublicBetaApproved if action is Action.APPROVE_PUBLIC_BETA else PublicApproved)(*who)


def conflict(uow: UnitOfWork, subject: Subject) -> Conflict:
    """The refusal when someone else changed the subject first: who, and where it stands now."""
    if isinstance(subject, Partner):
        uow.partners.reload(subject)
    else:
        uow.integrations.reload(subject)
    last = uow.audit.last_for(subject_kind(subject), subject.id)
    actor = last.actor_user_id if last else ""
    who = f" by <@{actor}>" if actor[:1] in ("U", "W") and actor.isalnum() else f" by {actor}" if actor else ""
    key = subject.name if isinstance(subject, Partner) else subject.slug
    return Conflict(f"Already handled{who}: {key} is now {stage_label(subject.stage).lower()}. Nothing was changed.")


def subject_kind(subject: Subject) -> str:
    """How the audit trail names the subject's type."""
    return "partner" if isinstance(subject, Partner) else "integration"
