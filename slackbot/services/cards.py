"""Building staff cards and fanning notifications out to partners and staff (inside a unit of work)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from slackbot.domain.access import SURVEY_QUESTIONS
from slackbot.domain.launch import DEFAULT_RULE
from slackbot.domain.lifecycle import Facts, Role, Stage, allowed_actions
from slackbot.domain.messages import MessageKind
from slackbot.domain.releases import ReleaseCalendar
from slackbot.domain.views.reviews import Card, CardEvent
from slackbot.services.gates import BETA_STAGES, launch_status, lifecycle_facts
from storage.models.partners import Integration, Partner
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


def facts_of(
    integration: Integration, uow: UnitOfWork | None = None, *, rule: str = DEFAULT_RULE, now: datetime | None = None
) -> Facts:
    """What the lifecycle gates look at for an integration (the launch gates need the unit of work)."""
    if uow is None:
        return Facts(merged=integration.merged_at is not None)
    return lifecycle_facts(uow, integration, rule, now)


def _gate_rows(
    uow: UnitOfWork, integration: Integration, rule: str, now: datetime | None
) -> tuple[tuple[str, str], ...]:
    """The card's "why not" line for the next launch step (private and public beta only)."""
    if integration.stage not in BETA_STAGES:
        return ()
    status = launch_status(uow, integration, rule, now)
    step = "Approve public beta" if integration.stage is Stage.PRIVATE_BETA else "Approve public"
    verdict = "all gates pass" if status.ready else "not yet — " + "; ".join(status.blockers())
    return (
        (
            f"{step} ({status.rule.key} v{status.rule.version})",
            f"{verdict}. Confirmed customers: {status.confirmed}, waiting for confirmation: {status.pending}.",
        ),
    )


def _history(uow: UnitOfWork, subject: str, subject_id: int) -> tuple[CardEvent, ...]:
    return tuple(CardEvent(e.action, e.actor_user_id, e.at, e.note) for e in uow.audit.for_subject(subject, subject_id))


def integration_card(
    uow: UnitOfWork, integration: Integration, timezone: str, *, rule: str = DEFAULT_RULE, now: datetime | None = None
) -> Card:
    """The review card of an integration as it stands now (with its launch gates once in beta)."""
    release = ReleaseCalendar(timezone).release_for_merge(integration.merged_at) if integration.merged_at else None
    facts = facts_of(integration, uow, rule=rule, now=now)
    return Card(
        subject="integration",
        subject_id=integration.id,
        title=f"{integration.name} ({integration.slug})",
        stage=integration.stage,
        partner_name=integration.partner.name,
        timezone=timezone,
        actions=tuple(a.value for a in allowed_actions(integration.stage, Role.STAFF, facts)),
        facts=_gate_rows(uow, integration, rule, now),
        history=_history(uow, "integration", integration.id),
        pr_url=integration.pr_url,
        submitted_at=integration.submitted_at,
        review_due_at=integration.review_due_at,
        merged_at=integration.merged_at,
        release=release,
    )


def partner_card(uow: UnitOfWork, partner: Partner, timezone: str) -> Card:
    """The access-request card of a partner as it stands now."""
    survey = partner.survey or {}
    facts = tuple((label, str(survey.get(key, ""))) for key, label in SURVEY_QUESTIONS if survey.get(key))
    return Card(
        subject="partner",
        subject_id=partner.id,
        title=f"Access request: {partner.name}",
        stage=partner.stage,
        partner_name=partner.name,
        timezone=timezone,
        actions=tuple(a.value for a in allowed_actions(partner.stage, Role.STAFF)),
        history=_history(uow, "partner", partner.id),
        facts=facts,
        submitted_at=partner.created_at,
    )


def message_link(uow: UnitOfWork, key: str | None) -> str | None:
    """The permalink of a posted outbox message (a card), or None while it is not posted."""
    message = uow.outbox.by_key(key) if key else None
    if message is None or not message.sent_ts:
        return None
    return f"https://slack.com/archives/{message.sent_channel}/p{message.sent_ts.replace('.', '')}"


def notify_partner(
    uow: UnitOfWork,
    partner: Partner,
    kind: MessageKind,
    payload: dict[str, Any],
    key: str,
    now: datetime,
    *,
    dm_users: list[str] | None = None,
) -> None:
    """Queue a notification for the partner's shared channel and a DM to each of its members."""
    if partner.channel_id:
        uow.outbox.enqueue(dedupe_key=f"{key}:channel", kind=kind, channel=partner.channel_id, payload=payload, now=now)
    for user_id in uow.partners.member_ids(partner.id) if dm_users is None else dm_users:
        uow.outbox.enqueue(dedupe_key=f"{key}:dm:{user_id}", kind=kind, channel=user_id, payload=payload, now=now)


def notify_staff(
    uow: UnitOfWork,
    review_channel: str | None,
    kind: MessageKind,
    payload: dict[str, Any],
    key: str,
    now: datetime,
    *,
    thread_of: str | None = None,
) -> str | None:
    """Queue a message for the staff review channel; returns its dedupe key (None without a channel)."""
    if not review_channel:
        log.error("DEVCENTER_REVIEW_CHANNEL is not set: staff message %s not queued", key)
        return None
    uow.outbox.enqueue(dedupe_key=key, kind=kind, channel=review_channel, payload=payload, now=now, thread_of=thread_of)
    return key
