"""Scheduled use cases: the Tuesday cutoff reminder, review SLA nudges, the release-day card."""

from __future__ import annotations

import logging
from datetime import datetime

from slackbot.domain.lifecycle import Stage
from slackbot.domain.messages import MessageKind
from slackbot.domain.reviews import is_overdue
from slackbot.services.cards import message_link, notify_partner, notify_staff
from slackbot.services.releases import calendar, is_release_day, release_card
from storage.uow import UowFactory

log = logging.getLogger(__name__)


def cutoff_reminders(uow_factory: UowFactory, now: datetime, timezone: str) -> int:
    """On cutoff day, remind partners whose integration is approved but not merged; once per release."""
    sent = 0
    with uow_factory() as uow:
        cal = calendar(uow, timezone)
        window = cal.next_window(now)
        if window.cutoff.date() != now.astimezone(cal.zone).date():
            return 0
        for integration in uow.integrations.at_stages([Stage.APPROVED]):
            if integration.merged_at is not None:
                continue
            notify_partner(
                uow,
                integration.partner,
                MessageKind.CUTOFF_REMINDER,
                {
                    "name": integration.name,
                    "slug": integration.slug,
                    "cutoff": window.cutoff.isoformat(),
                    "release": window.release.isoformat(),
                    "timezone": timezone,
                },
                f"cutoff:{integration.id}:{window.release.isoformat()}",
                now,
            )
            sent += 1
        uow.commit()
    return sent


def review_sla_nudges(uow_factory: UowFactory, now: datetime, timezone: str, review_channel: str | None) -> int:
    """Tell staff about reviews past their due date; at most once per review per day."""
    nudged = 0
    with uow_factory() as uow:
        today = now.astimezone(calendar(uow, timezone).zone).date().isoformat()
        for integration in uow.integrations.at_stages([Stage.IN_REVIEW]):
            due = integration.review_due_at
            if due is None or not is_overdue(due, now):
                continue
            link = message_link(uow, integration.card_key)
            if notify_staff(
                uow,
                review_channel,
                MessageKind.REVIEW_OVERDUE,
                {
                    "name": integration.name,
                    "slug": integration.slug,
                    "partner_name": integration.partner.name,
                    "due": due.isoformat(),
                    "timezone": timezone,
                    "link": link,
                },
                f"sla:{integration.id}:{today}",
                now,
            ):
                nudged += 1
        uow.commit()
    return nudged


def release_day(uow_factory: UowFactory, now: datetime, timezone: str, review_channel: str | None) -> bool:
    """On a release day, post the card listing what ships, with "Mark release shipped"; once per release."""
    with uow_factory() as uow:
        today = now.astimezone(calendar(uow, timezone).zone).date()
        if not is_release_day(uow, today, timezone):
            return False
    card = release_card(uow_factory, today, timezone)
    with uow_factory() as uow:
        posted = notify_staff(
            uow, review_channel, MessageKind.RELEASE_CARD, card.to_payload(), f"release_card:{today.isoformat()}", now
        )
        uow.commit()
    log.info("release card for %s: %d integrations", today, len(card.items))
    return posted is not None


def launch_gates(
    uow_factory: UowFactory, now: datetime, *, rule: str, timezone: str, review_channel: str | None
) -> int:
    """Daily: post the approve card of every beta integration whose gates now pass by time alone (e.g. 14 days)."""
    from slackbot.services.launch import BETA_STAGES, post_card_when_ready

    posted = 0
    with uow_factory() as uow:
        for integration in uow.integrations.at_stages(sorted(BETA_STAGES)):
            posted += post_card_when_ready(
                uow, integration, now, rule=rule, timezone=timezone, review_channel=review_channel
            )
        uow.commit()
    return posted
