"""Use cases, one function per thing a user does; `Services` bundles them for the Slack handlers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from slackbot.domain.summaries import Actor, StatusReport
from slackbot.services import status as _status
from slackbot.services import welcome as _welcome
from storage.uow import UowFactory


@dataclass(frozen=True)
class Services:
    """What handlers call: each method is one use case; the clock is injected, never read directly."""

    uow: UowFactory
    clock: Callable[[], datetime]
    timezone: str = "America/Los_Angeles"
    review_channel: str | None = None
    announce_channel: str | None = None
    staff_users: frozenset[str] = field(default_factory=frozenset)

    def actor(self, user_id: str, *, is_staff: bool, is_external: bool = False) -> Actor:
        """Resolve who is acting: staff (never external) and/or a partner member."""
        with self.uow() as uow:
            partner = uow.partners.by_member(user_id)
        return Actor(user_id, is_staff and not is_external, partner.id if partner else None, is_external)

    def status(self, actor: Actor, slug: str | None = None) -> StatusReport:
        """/devcenter status [slug]."""
        return _status.status(self.uow, actor, slug, self.clock(), self.timezone)

    def member_joined(self, event_id: str, user_id: str, channel_id: str, *, is_staff: bool,
                      is_external: bool) -> bool:
        """A user joined a channel: queue the partner welcome once."""
        return _welcome.member_joined(self.uow, event_id=event_id, user_id=user_id, channel_id=channel_id,
                                      is_staff=is_staff, is_external=is_external, now=self.clock())

    def first_delivery(self, event_id: str, event_type: str) -> bool:
        """Record an Events API delivery; False for Slack's retries of one already seen."""
        with self.uow() as uow:
            first = uow.events.first_time(event_id, event_type, self.clock())
            uow.commit()
        return first

    def database_ok(self) -> bool:
        """True when the database answers."""
        try:
            with self.uow() as uow:
                uow.partners.get(0)
            return True
        except Exception:
            return False
