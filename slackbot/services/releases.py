"""Use cases of the release calendar: deploy windows, freezes, the release-day card and shipping."""

from __future__ import annotations

import logging
from datetime import date, datetime

from slackbot.domain.actors import Actor
from slackbot.domain.errors import InvalidInput
from slackbot.domain.launch import private_beta_url
from slackbot.domain.lifecycle import Action, Role, Stage, decide
from slackbot.domain.messages import MessageKind
from slackbot.domain.releases import EmergencyRelease, ReleaseCalendar
from slackbot.domain.views.releases import DeployReport, ReleaseCard, ReleaseItem
from slackbot.services import announcements
from slackbot.services.actors import require_staff
from slackbot.services.cards import facts_of, notify_partner
from storage.models.partners import Integration
from storage.uow import UnitOfWork, UowFactory

log = logging.getLogger(__name__)


def calendar(uow: UnitOfWork, timezone: str) -> ReleaseCalendar:
    """The release calendar with the freezes stored in the database."""
    return ReleaseCalendar(timezone, uow.releases.frozen_days())


def emergencies(uow: UnitOfWork, since: date) -> list[EmergencyRelease]:
    """Staff-declared emergency releases on or after a day."""
    return [EmergencyRelease(e.release_date, e.cutoff) for e in uow.releases.emergencies(since)]


def declare_emergency(
    uow_factory: UowFactory, release: date, cutoff: datetime, reason: str | None, by: str, now: datetime
) -> None:
    """A one-off release: what is merged by `cutoff` ships on `release` (any day)."""
    try:
        EmergencyRelease(release, cutoff)
    except (TypeError, ValueError) as error:
        raise InvalidInput({"cutoff": str(error)}) from None
    if cutoff < now:
        raise InvalidInput({"cutoff": "That cutoff has already passed."})
    with uow_factory() as uow:
        uow.releases.add_emergency(release, cutoff, reason, by, now)
        uow.commit()


def is_release_day(uow: UnitOfWork, day: date, timezone: str) -> bool:
    """A regular (unfrozen) Wednesday, or a declared emergency release."""
    return calendar(uow, timezone).release_on(day) or any(e.release == day for e in emergencies(uow, day))


def _item(integration: Integration, cal: ReleaseCalendar) -> ReleaseItem:
    release = cal.release_for_merge(integration.merged_at) if integration.merged_at else None
    return ReleaseItem(integration.slug, integration.name, integration.partner.name, integration.merged_at, release)


def deploy_report(uow_factory: UowFactory, actor: Actor, now: datetime, timezone: str) -> DeployReport:
    """Next release, time to the cutoff, and (for a partner) which of its changes make it."""
    with uow_factory() as uow:
        cal = calendar(uow, timezone)
        window = cal.next_window_with_emergencies(now, emergencies(uow, now.astimezone(cal.zone).date()))
        makes, misses, waiting = [], [], []
        if actor.partner_id is not None:
            for integration in uow.integrations.for_partner(actor.partner_id):
                if integration.stage is not Stage.APPROVED:
                    continue
                item = _item(integration, cal)
                if item.release is None:
                    waiting.append(item)
                elif item.release <= window.release:
                    makes.append(item)
                else:
                    misses.append(item)
        frozen = tuple(sorted(d for d in cal.skipped if d >= now.astimezone(cal.zone).date()))
        return DeployReport(window, cal.time_left(now), tuple(makes), tuple(misses), tuple(waiting), frozen)


def release_contents(uow: UnitOfWork, release: date, timezone: str) -> list[Integration]:
    """Approved, merged integrations whose release is this one (or an earlier one that never shipped), plus
    those merged by the cutoff of an emergency release declared for this day."""
    cal = calendar(uow, timezone)
    cutoffs = [e.cutoff for e in emergencies(uow, release) if e.release == release]
    return [
        i
        for i in uow.integrations.at_stages([Stage.APPROVED])
        if i.merged_at is not None
        and (cal.release_for_merge(i.merged_at) <= release or any(i.merged_at <= cutoff for cutoff in cutoffs))
    ]


def release_card(uow_factory: UowFactory, release: date, timezone: str) -> ReleaseCard:
    """What ships in a release, for the release-day card."""
    with uow_factory() as uow:
        cal = calendar(uow, timezone)
        items = tuple(_item(i, cal) for i in release_contents(uow, release, timezone))
    return ReleaseCard(release, items, timezone)


def ship_release(
    uow_factory: UowFactory, actor: Actor, release: date, now: datetime, *, timezone: str, announce_channel: str | None
) -> ReleaseCard:
    """Move the release's integrations to private beta, tell each partner, announce it program-wide."""
    require_staff(
        actor, f"ship_release {release}", "Only Segment staff can mark a release shipped. Nothing was changed."
    )
    with uow_factory() as uow:
        cal = calendar(uow, timezone)
        shipped: list[ReleaseItem] = []
        for integration in release_contents(uow, release, timezone):
            target = decide(integration.stage, Action.SHIP_RELEASE, Role.STAFF, facts_of(integration))
            if not uow.integrations.move(integration.id, Stage.APPROVED, target, now, released_at=now):
                continue  # shipped by a concurrent click
            uow.audit.record(
                subject_type="integration",
                subject_id=integration.id,
                subject_key=integration.slug,
                action=Action.SHIP_RELEASE,
                actor=actor.user_id,
                from_stage=Stage.APPROVED,
                to_stage=target,
                note=f"release {release.isoformat()}",
                at=now,
            )
            notify_partner(
                uow,
                integration.partner,
                MessageKind.PRIVATE_BETA,
                {
                    "name": integration.name,
                    "slug": integration.slug,
                    "url": private_beta_url(integration.slug),
                    "release": release.isoformat(),
                    "partner_name": integration.partner.name,
                },
                f"private_beta:{integration.id}",
                now,
            )
            shipped.append(_item(integration, cal))
        if shipped:
            names = ", ".join(f"*{i.name}*" for i in shipped)
            announcements.create_and_send(
                uow,
                kind="release",
                text=f":rocket: The {release:%B} {release.day} Developer Center release is out: "
                f"{names} {'is' if len(shipped) == 1 else 'are'} now in private beta.",
                stages=None,
                actor=actor,
                now=now,
                announce_channel=announce_channel,
                payload={"release": release.isoformat(), "slugs": [i.slug for i in shipped]},
            )
        uow.commit()
    log.info("release %s shipped by %s: %d integrations", release, actor.user_id, len(shipped))
    return ReleaseCard(release, tuple(shipped), timezone, actor.user_id, now)


def set_freeze(uow_factory: UowFactory, day: date, *, frozen: bool, reason: str | None, by: str, now: datetime) -> bool:
    """Freeze (or unfreeze) a Wednesday; True when something changed."""
    if day.weekday() != 2:
        raise InvalidInput({"date": f"{day.isoformat()} is a {day:%A}; releases (and freezes) are on Wednesdays."})
    with uow_factory() as uow:
        changed = uow.releases.add_freeze(day, reason, by, now) if frozen else uow.releases.remove_freeze(day)
        uow.commit()
    return changed


def freezes(uow_factory: UowFactory) -> list[tuple[date, str | None]]:
    """Every frozen Wednesday with its reason."""
    with uow_factory() as uow:
        return [(f.day, f.reason) for f in uow.releases.freezes()]
