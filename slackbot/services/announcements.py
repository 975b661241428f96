"""Use case: channel-wide announcements to partners, fanned out through the outbox at Slack's pace."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from slackbot.domain.actors import Actor
from slackbot.domain.announcements import MAX_TEXT, AnnouncementKind
from slackbot.domain.errors import InvalidInput, NotFound
from slackbot.domain.lifecycle import Stage
from slackbot.domain.messages import OutboxStatus, Payload
from slackbot.domain.messages.announcements import Announcement, ReleaseAnnouncement
from slackbot.domain.text import parse_note
from slackbot.domain.views.releases import AnnouncementPreview, AnnouncementProgress
from slackbot.program import Program
from slackbot.services.outbox import queue
from slackbot.services.partners import require_staff as staff_only
from storage.models.partners import Partner
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


def require_staff(actor: Actor) -> None:
    """Refuse (and log) anyone but staff."""
    staff_only(actor, "staff-only announcement command", "Only Segment staff can send announcements.")


def parse_stages(values: list[str] | None) -> list[str] | None:
    """The audience: None for every partner, else the integration stages chosen."""
    if not values:
        return None
    known = {s.value for s in Stage}
    if unknown := [v for v in values if v not in known]:
        raise InvalidInput({"stages": f"Unknown stages: {', '.join(unknown)}"})
    return sorted(set(values))


def audience(uow: UnitOfWork, stages: list[str] | None, announce_channel: str | None) -> list[str]:
    """Shared channels of approved partners (with an integration at one of `stages`, when given)."""
    wanted = {Stage(s) for s in stages} if stages else None
    channels: list[str] = [announce_channel] if announce_channel else []
    for partner in uow.partners.at_stage(Stage.BUILDING):
        if partner.channel_id and partner.channel_id not in channels and _matches(partner, wanted):
            channels.append(partner.channel_id)
    return channels


def _matches(partner: Partner, stages: set[Stage] | None) -> bool:
    return stages is None or any(i.stage in stages for i in partner.integrations)


def draft(
    program: Program, actor: Actor, text: str | None, stages: list[str] | None, *, notify_everyone: bool = False
) -> AnnouncementPreview:
    """Store a draft and say exactly which channels it would reach (the dry run)."""
    require_staff(actor)
    body = parse_note(text, "message")
    if body and len(body) > MAX_TEXT:
        raise InvalidInput({"message": f"Keep it under {MAX_TEXT} characters."})
    chosen = parse_stages(stages)
    with program.uow() as uow:
        row = uow.announcements.add(
            kind=AnnouncementKind.MANUAL,
            text=body or "",
            stages=chosen,
            by=actor.user_id,
            now=program.now(),
            notify_everyone=notify_everyone,
        )
        channels = audience(uow, chosen, program.announce_channel)
        uow.commit()
        return AnnouncementPreview(row.id, row.text, tuple(channels), tuple(chosen or ()), row.notify_everyone)


def send(program: Program, actor: Actor, announcement_id: int) -> AnnouncementPreview:
    """Queue one message per channel (once, even if Send is pressed twice)."""
    require_staff(actor)
    with program.uow() as uow:
        row = uow.announcements.get(announcement_id)
        if row is None:
            raise NotFound("That announcement no longer exists.")
        channels = audience(uow, row.stages, program.announce_channel)
        message = Announcement(row.id, row.text, row.notify_everyone)
        _fan_out(uow, row.id, message, channels, program.now())
        uow.commit()
        return AnnouncementPreview(row.id, row.text, tuple(channels), tuple(row.stages or ()), row.notify_everyone)


def announce_release(
    uow: UnitOfWork, program: Program, actor: Actor, release: date, names: tuple[str, ...], now: datetime
) -> int:
    """Inside the caller's transaction: store and queue the announcement that a release shipped.

    Private betas are not public: the announcement goes to the staff announcements channel only; each partner hears
    about its own integration in its own channel (the private-beta notice, with the URL), never about another's.
    """
    verb = "is" if len(names) == 1 else "are"
    day = f"{release:%B} {release.day}"
    text = f"The {day} Developer Center release is out: {', '.join(names)} {verb} now in private beta."
    row = uow.announcements.add(
        kind=AnnouncementKind.RELEASE, text=text, stages=None, by=actor.user_id, now=now,
        payload={"release": release.isoformat(), "names": list(names)},
    )  # fmt: skip
    message = ReleaseAnnouncement(row.id, release, names)
    _fan_out(uow, row.id, message, [program.announce_channel] if program.announce_channel else [], now)
    return row.id


def _fan_out(uow: UnitOfWork, announcement_id: int, message: Payload, channels: list[str], now: datetime) -> None:
    if not uow.announcements.start_sending(announcement_id, len(channels), now):
        return
    for channel in channels:
        queue(uow, message, channel, f"announce:{announcement_id}:{channel}", now)
    log.info("announcement %s queued for %d channels", announcement_id, len(channels))


def same_sent_recently(program: Program, actor: Actor, text: str, *, hours: int = 24) -> int | None:
    """The id of an announcement with exactly this text sent in the last `hours` (so a retried command does not
    send it twice), or None."""
    require_staff(actor)
    body = parse_note(text, "message") or ""
    with program.uow() as uow:
        row = uow.announcements.sent_since(body, program.now() - timedelta(hours=hours))
        return row.id if row else None


def progress(program: Program, actor: Actor, announcement_id: int | None = None) -> AnnouncementProgress:
    """The delivery log: how many channels got it, are waiting, or failed (the newest one by default)."""
    require_staff(actor)
    with program.uow() as uow:
        row = uow.announcements.get(announcement_id) if announcement_id else uow.announcements.latest_sent()
        if row is None:
            raise NotFound("No announcement has been sent yet.")
        counts = uow.outbox.counts_for(f"announce:{row.id}:")
        messages = uow.outbox.with_prefix(f"announce:{row.id}:")
        failed = tuple(m.channel for m in messages if m.status is OutboxStatus.FAILED)
        return AnnouncementProgress(
            row.id,
            row.text,
            row.channel_count,
            counts.get(OutboxStatus.SENT, 0),
            counts.get(OutboxStatus.PENDING, 0) + counts.get(OutboxStatus.MAYBE_SENT, 0),
            counts.get(OutboxStatus.FAILED, 0),
            failed,
        )
