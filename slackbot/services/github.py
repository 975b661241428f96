"""Use cases of GitHub pull request sync: apply what GitHub says about a tracked pull request, once per fact.

Webhook deliveries and reconciliation runs both come here. Each event is matched to the integration whose PR URL
(as given at submission) names its pull request, planned against its stage (`slackbot.domain.github.plan`) and
run through the same lifecycle code, audit trail and outbox as a staff click, with the GitHub user as the actor.
A fact (`effect_key`: a review, a merge, a head commit) is applied once whichever delivery or run brings it, and
the delivery id is recorded in the same transaction as the effect.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from slackbot.domain.actors import Actor, operator
from slackbot.domain.errors import DomainError
from slackbot.domain.github import (
    CommitsPushed,
    Notice,
    PullRequestEvent,
    PullRequestMerged,
    ReviewSubmitted,
    Step,
    canonical_pr_url,
    plan,
    pr_number,
    pr_url,
)
from slackbot.domain.github_sync import SyncReport, TrackedPull
from slackbot.domain.lifecycle import Action, Stage, stage_label
from slackbot.domain.messages.github import ClosedWithoutMerge, CommitsPushedNote
from slackbot.program import Program
from slackbot.services.cards import refresh_card
from slackbot.services.lifecycle import Applied, Decision, apply_decision, decision_notice
from slackbot.services.outbox import notify_partner, notify_staff
from storage.models.partners import Integration
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
TRACKED_STAGES = (Stage.IN_REVIEW, Stage.CHANGES_REQUESTED, Stage.APPROVED)
SYNC = "sync"  # the event name of rows written by a reconciliation run


@dataclass(frozen=True)
class Outcome:
    """What one GitHub event did: whether it changed anything, and one line saying what."""

    applied: bool
    message: str
    duplicate: bool = False


def apply(program: Program, event: PullRequestEvent, *, delivery_id: str | None = None, source: str = SYNC) -> Outcome:
    """Apply one GitHub event to the integration of its pull request, once per fact, in one transaction."""
    now = program.now()
    try:
        with program.uow() as uow:
            outcome = _apply(uow, program, event, delivery_id, source, now)
            uow.commit()
    except DomainError as refused:  # a staff click changed the integration first: nothing of this event was kept
        outcome = Outcome(False, f"not applied: {refused.user_message}")
        with program.uow() as uow:
            _note(uow, delivery_id, source, event, None, outcome, now)
            uow.commit()
    return outcome


def _apply(
    uow: UnitOfWork, program: Program, event: PullRequestEvent, delivery_id: str | None, source: str, now: datetime
) -> Outcome:
    if delivery_id is not None and uow.github.delivery_seen(delivery_id):
        return Outcome(False, "duplicate delivery", duplicate=True)
    if uow.github.effect_seen(event.effect_key):
        return _note(uow, delivery_id, source, event, None, Outcome(False, "already applied", duplicate=True), now)
    github = program.settings.github
    integration = tracked_integration(uow, event.url, github.repository)
    if integration is None:
        unknown = Outcome(False, f"ignored: pull request #{event.number} is not tracked")
        return _note(uow, delivery_id, source, event, None, unknown, now)
    if isinstance(event, ReviewSubmitted) and _before_submission(event, integration):
        ignored = Outcome(False, "ignored: the review is older than the latest submission")
        return _note(uow, delivery_id, source, event, integration, ignored, now)
    steps = plan(event, integration.stage, merged=integration.merged_at is not None, staff_logins=github.staff_logins)
    if not steps:
        ignored = Outcome(False, f"ignored: nothing to do while {integration.slug} is {stage_label(integration.stage)}")
        return _note(uow, delivery_id, source, event, integration, ignored, now)
    message = f"applied to {integration.slug}: " + ", ".join(str(step.notice or step.action) for step in steps)
    if not uow.github.record(
        delivery_id=delivery_id, effect_key=event.effect_key, event=source, pull_number=event.number,
        integration_id=integration.id, outcome=message, now=now,
    ):  # fmt: skip
        won = Outcome(False, "already applied", duplicate=True)  # a concurrent delivery of the same fact won
        return _note(uow, delivery_id, source, event, integration, won, now)
    _run(uow, program, integration, event, steps, now)
    return Outcome(True, message)


def _note(
    uow: UnitOfWork,
    delivery_id: str | None,
    source: str,
    event: PullRequestEvent,
    integration: Integration | None,
    outcome: Outcome,
    now: datetime,
) -> Outcome:
    """Remember a delivery that changed nothing (a reconciliation run's reads are not worth a row)."""
    if delivery_id is not None:
        uow.github.record(
            delivery_id=delivery_id, effect_key=None, event=source, pull_number=event.number,
            integration_id=integration.id if integration else None, outcome=outcome.message, now=now,
        )  # fmt: skip
    return outcome


def tracked_integration(uow: UnitOfWork, url: str, repository: str) -> Integration | None:
    """The integration whose PR URL (any spelling: /files, trailing slash, http) is this pull request."""
    number = pr_number(url, repository)
    if number is None:
        return None
    wanted = pr_url(number, repository)
    candidates = uow.github.integrations_for_pull(number)
    return next((i for i in candidates if canonical_pr_url(i.pr_url or "", repository) == wanted), None)


def _before_submission(event: ReviewSubmitted, integration: Integration) -> bool:
    submitted = integration.submitted_at
    return event.submitted_at is not None and submitted is not None and event.submitted_at < submitted


def _run(
    uow: UnitOfWork,
    program: Program,
    integration: Integration,
    event: PullRequestEvent,
    steps: tuple[Step, ...],
    now: datetime,
) -> None:
    """Each step through the lifecycle (or, for a notice, the audit trail), its notices, then the card."""
    actor, entry_id = operator(event.actor), 0
    for step in steps:
        if step.action is None:
            notice = step.notice.value if step.notice else "github"
            entry_id = uow.audit.record_note(integration, notice, actor.user_id, now, step.note).id
            _tell(uow, program, integration, event, step, None, actor, f"github:{entry_id}", now)
            continue
        override = step.target if step.override else None
        audit_action = step.notice.value if step.notice else None
        decision = Decision(step.action, step.source, step.note, step.at, override, audit_action)
        applied = apply_decision(uow, program, integration, actor, decision, now)
        entry_id = applied.entry_id
        _tell(uow, program, integration, event, step, applied, actor, f"github:{entry_id}", now)
    refresh_card(uow, program, integration, now, f"github:{entry_id}")  # the card shows it, as after a click


def _tell(
    uow: UnitOfWork,
    program: Program,
    integration: Integration,
    event: PullRequestEvent,
    step: Step,
    applied: Applied | None,
    actor: Actor,
    key: str,
    now: datetime,
) -> None:
    """What the partner (and, in the card's thread, staff) are told about one step."""
    partner, channel, card_key = integration.partner, program.review_channel, integration.card_key
    if step.notice is Notice.CLOSED_UNMERGED:
        closed = ClosedWithoutMerge(
            partner.name, integration.name, integration.slug, event.url, actor.user_id, step.at or now,
            program.timezone,
        )  # fmt: skip
        notify_partner(uow, partner, closed, key, now, timezone=program.timezone)
        notify_staff(uow, channel, replace(closed, to_staff=True), f"{key}:staff", now, thread_of=card_key)
    elif step.notice is Notice.COMMITS_PUSHED and isinstance(event, CommitsPushed):
        pushed = CommitsPushedNote(integration.name, integration.slug, event.url, event.head_sha, actor.user_id)
        notify_staff(uow, channel, pushed, key, now, thread_of=card_key)
    elif applied is not None and step.action is not None:
        if step.action is Action.APPROVE_REVIEW and isinstance(event, PullRequestMerged):
            return  # approved by the merge: the partner hears about the merge, once
        link = step.link if isinstance(event, ReviewSubmitted) else None
        notice = decision_notice(step.action, integration, applied, actor.user_id, step.note, program.timezone, link)
        notify_partner(uow, partner, notice, key, now, timezone=program.timezone)


def tracked_pulls(program: Program) -> list[TrackedPull]:
    """The open pull requests worth reading: in review, changes requested, approved but not merged."""
    repository = program.settings.github.repository
    with program.uow() as uow:
        integrations = uow.github.tracked(TRACKED_STAGES)
        pulls = [(pr_number(i.pr_url or "", repository), i.submitted_at) for i in integrations]
    return [TrackedPull(number, since) for number, since in pulls if number is not None]


@dataclass(frozen=True)
class SyncRun:
    """One reconciliation run: its counts and one line per event it applied."""

    report: SyncReport
    applied: tuple[str, ...] = ()


def reconcile(program: Program, now: datetime) -> SyncRun | None:
    """Apply what the webhooks missed, from GitHub's REST API (None when GITHUB_TOKEN is not set)."""
    if program.reconciler is None:
        return None
    applied: list[str] = []

    def apply_missed(event: PullRequestEvent) -> bool:
        """Apply one event read from GitHub; remember what it did."""
        outcome = apply(program, event)
        if outcome.applied:
            applied.append(f"#{event.number}: {outcome.message}")
        return outcome.applied

    report = program.reconciler(tracked_pulls(program), apply_missed)
    log.info("github sync at %s: %s", now.isoformat(timespec="minutes"), report.line)
    return SyncRun(report, tuple(applied))


def sync_job(program: Program, now: datetime) -> str:
    """Hourly: reconcile with GitHub; one line saying what it did."""
    run = reconcile(program, now)
    return run.report.line if run is not None else "off (GITHUB_TOKEN is not set)"
