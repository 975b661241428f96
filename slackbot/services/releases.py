"""Use cases of the release calendar: deploy windows, freezes, emergencies, release day, shipping, cutoff reminders."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime

from slackbot.domain.actors import Actor
from slackbot.domain.errors import InvalidInput
from slackbot.domain.launch import private_beta_url
from slackbot.domain.lifecycle import Action, Role, Stage, decide
from slackbot.domain.messages.releases import CutoffReminder, PrivateBeta, ReleaseCardMessage
from slackbot.domain.releases import EmergencyRelease, Schedule
from slackbot.domain.reviews import REQUEST_TITLES
from slackbot.domain.views.releases import ReleaseCard, ReleaseItem
from slackbot.program import Program
from slackbot.services import announcements
from slackbot.services.cards import refresh_card
from slackbot.services.launch import merge_facts
from slackbot.services.outbox import notify_partner, notify_staff
from slackbot.services.outbox_links import message_links
from slackbot.services.partners import require_staff
from slackbot.services.releases_calendar import calendar, schedule_on
from storage.models.partners import Integration
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


def declare_emergency(program: Program, actor: Actor, release: date, cutoff: datetime, reason: str | None) -> None:
    """A one-off release: what is merged by `cutoff` ships on `release` (any day)."""
    require_staff(actor, f"emergency release {release}", "Only Segment staff can declare releases.")
    try:
        EmergencyRelease(release, cutoff)
    except (TypeError, ValueError) as error:
        raise InvalidInput({"cutoff": str(error)}) from None
    now = program.now()
    if cutoff < now:
        raise InvalidInput({"cutoff": "That cutoff has already passed."})
    with program.uow() as uow:
        uow.releases.add_emergency(release, cutoff, reason, actor.user_id, now)
        uow.commit()


def emergency_list(program: Program, since: date) -> list[tuple[date, datetime, str | None]]:
    """Emergency releases on or after a day: (day, cutoff, reason)."""
    with program.uow() as uow:
        return [(e.release_date, e.cutoff, e.reason) for e in uow.releases.emergencies(since)]


def is_release_day(uow: UnitOfWork, day: date, timezone: str) -> bool:
    """A regular (unfrozen) Wednesday, or a declared emergency release."""
    return schedule_on(uow, timezone, day).is_release_day(day)


def release_item(integration: Integration, plan: Schedule | None, card: str | None) -> ReleaseItem:
    """An integration as release lists show it: where it ships (or shipped), its pull request and (for staff)
    `card`, the link to its review card."""
    merged, release = integration.merged_at, integration.released_in
    carried = None
    if plan is not None and merged is not None and integration.stage is Stage.APPROVED:
        release, planned = plan.ships_on(merged), plan.planned(merged)
        carried = planned if planned != release else None
    return ReleaseItem(
        integration.slug, integration.name, integration.partner.name, merged, release, integration.pr_url,
        card, integration.released_at, carried,
    )  # fmt: skip


def release_items(
    uow: UnitOfWork, integrations: Sequence[Integration], plan: Schedule | None, *, links: bool = True
) -> list[ReleaseItem]:
    """`release_item` of each, their card links (`links`: staff only) read in one query for all of them."""
    cards = message_links(uow, (i.card_key for i in integrations)) if links else {}
    return [release_item(i, plan, cards.get(i.card_key or "")) for i in integrations]


def release_contents(uow: UnitOfWork, release: date, timezone: str) -> list[Integration]:
    """Approved, merged integrations that ship in this release, as seen on its day (what a missed release left
    behind included)."""
    plan = schedule_on(uow, timezone, release)
    approved = uow.integrations.at_stages([Stage.APPROVED])
    contents = [i for i in approved if i.merged_at is not None and plan.ships_on(i.merged_at) == release]
    return sorted(contents, key=merge_order)


def merge_order(integration: Integration) -> tuple[datetime, int]:
    """Release lists in the order things were merged (then created), the same on every database."""
    return integration.merged_at or integration.created_at, integration.id


def release_card(program: Program, release: date) -> ReleaseCard:
    """What ships in a release, for the release-day card."""
    with program.uow() as uow:
        plan = schedule_on(uow, program.timezone, release)
        items = tuple(release_items(uow, release_contents(uow, release, program.timezone), plan))
    return ReleaseCard(release, items, program.timezone)


def ship_release(program: Program, actor: Actor, release: date) -> ReleaseCard:
    """Move the release's integrations to private beta, tell each partner, announce it to staff."""
    message = "Only Segment staff can mark a release shipped. Nothing was changed."
    require_staff(actor, f"ship_release {release}", message)
    now = program.now()
    with program.uow() as uow:
        plan = schedule_on(uow, program.timezone, release)
        integrations = release_contents(uow, release, program.timezone)
        contents = list(zip(integrations, release_items(uow, integrations, plan), strict=True))
        shipped = [item for integration, item in contents if _ship(uow, program, integration, actor, release, now)]
        if shipped:
            announcements.announce_release(uow, program, actor, release, tuple(i.name for i in shipped), now)
        uow.commit()
    log.info("release %s shipped by %s: %d integrations", release, actor.user_id, len(shipped))
    return ReleaseCard(release, tuple(shipped), program.timezone, actor.user_id, now)


def _ship(
    uow: UnitOfWork, program: Program, integration: Integration, actor: Actor, release: date, now: datetime
) -> bool:
    """One integration to private beta (False when a concurrent click shipped it first)."""
    target = decide(integration.stage, Action.SHIP_RELEASE, Role.STAFF, merge_facts(integration)) or Stage.PRIVATE_BETA
    if not uow.integrations.move(integration.id, Stage.APPROVED, target, now, released_at=now, released_in=release):
        return False
    note = f"release {release.isoformat()}"
    uow.audit.record_move(
        integration, Action.SHIP_RELEASE, actor.user_id, now, from_stage=Stage.APPROVED, to_stage=target, note=note
    )
    url, partner = private_beta_url(integration.slug), integration.partner
    notice = PrivateBeta(partner.name, integration.name, integration.slug, url, release)
    notify_partner(
        uow, partner, notice, f"private_beta:{integration.id}", now, timezone=program.timezone
    )  # its own channel and its people
    refresh_card(uow, program, integration, now, f"release:{release.isoformat()}")  # its buttons follow the stage
    return True


def set_freeze(program: Program, actor: Actor, day: date, *, frozen: bool, reason: str | None) -> bool:
    """Freeze (or unfreeze) a Wednesday; True when something changed."""
    require_staff(actor, f"freeze {day}", "Only Segment staff can freeze releases.")
    if day.weekday() != 2:
        raise InvalidInput({"date": f"{day.isoformat()} is a {day:%A}; releases (and freezes) are on Wednesdays."})
    with program.uow() as uow:
        if frozen:
            changed = uow.releases.add_freeze(day, reason, actor.user_id, program.now())
        else:
            changed = uow.releases.remove_freeze(day)
        uow.commit()
    return changed


def freezes(program: Program) -> list[tuple[date, str | None]]:
    """Every frozen Wednesday with its reason."""
    with program.uow() as uow:
        return [(f.day, f.reason) for f in uow.releases.freezes()]


def cutoff_reminders(program: Program, now: datetime) -> int:
    """On cutoff day, remind partners whose integration is approved but not merged; once per release."""
    sent = 0
    with program.uow() as uow:
        cal = calendar(uow, program.timezone)
        window, following = cal.windows(now, 2)
        if window.cutoff.date() != now.astimezone(cal.zone).date():
            return 0
        waiting = [i for i in uow.integrations.at_stages([Stage.APPROVED]) if i.merged_at is None]
        requests: dict[int, list[str]] = {}
        for request in uow.requests.open_requests([i.id for i in waiting]):
            requests.setdefault(request.integration_id, []).append(REQUEST_TITLES.get(request.kind, request.kind))
        for integration in waiting:
            reminder = CutoffReminder(
                integration.name, integration.slug, window.cutoff, window.release, program.timezone,
                integration.pr_url, tuple(requests.get(integration.id, ())), following.release,
            )  # fmt: skip
            key = f"cutoff:{integration.id}:{window.release.isoformat()}"
            notify_partner(uow, integration.partner, reminder, key, now, timezone=program.timezone)
            sent += 1
        uow.commit()
    return sent


def release_day(program: Program, now: datetime) -> bool:
    """On a release day, post the card listing what ships, with "Mark release shipped"; once per release."""
    with program.uow() as uow:
        today = now.astimezone(calendar(uow, program.timezone).zone).date()
        if not is_release_day(uow, today, program.timezone):
            return False
    card = release_card(program, today)
    with program.uow() as uow:
        key = f"release_card:{today.isoformat()}"
        posted = notify_staff(uow, program.review_channel, ReleaseCardMessage(card), key, now)
        uow.commit()
    log.info("release card for %s: %d integrations", today, len(card.items))
    return posted is not None
