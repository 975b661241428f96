"""Use cases, one function per thing a user does; `Services` bundles them for the Slack handlers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from slackbot.domain.lifecycle import Action, Stage
from slackbot.domain.summaries import Actor, Card, HistoryLine, QueueItem, StatusReport
from slackbot.services import access as _access
from slackbot.services import decisions as _decisions
from slackbot.services import queue as _queue
from slackbot.services import requests as _requests
from slackbot.services import status as _status
from slackbot.services import submissions as _submissions
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

    def request_access(self, actor: Actor, values: dict[str, str | None], agreed: bool) -> str:
        """The access-request modal was submitted."""
        return _access.request_access(self.uow, actor, values, agreed, self.clock(), timezone=self.timezone,
                                      review_channel=self.review_channel)

    def submit(self, actor: Actor, values: dict[str, str | None]) -> _submissions.Receipt:
        """The submit-for-review modal was submitted."""
        return _submissions.submit_for_review(self.uow, actor, values, self.clock(), timezone=self.timezone,
                                              review_channel=self.review_channel)

    def check_staff_action(self, actor: Actor, action: Action, subject_id: int) -> None:
        """Refuse (and log) a non-staff click before anything else happens."""
        _decisions.check(self.uow, actor, action, subject_id)

    def act(self, actor: Actor, action: Action, subject_id: int, expected: Stage, note: str | None = None) -> Card:
        """A staff button (or its reason modal): the decision, audited and notified."""
        return _decisions.act(self.uow, actor, action, subject_id, expected, note, self.clock(),
                              timezone=self.timezone)

    def request_title(self, actor: Actor, request_id: int) -> str:
        """What a staff request asks, for the partner's answer modal."""
        return _requests.request_title(request_id, self.uow, actor)

    def answer_request(self, actor: Actor, request_id: int, text: str | None) -> None:
        """The partner's answer to a staff request."""
        _requests.answer_request(self.uow, actor, request_id, text, self.clock(), review_channel=self.review_channel)

    def queue(self, actor: Actor) -> list[QueueItem]:
        """/devcenter queue (staff)."""
        return _queue.staff_queue(self.uow, actor, self.clock(), self.timezone)

    def history(self, actor: Actor, slug: str) -> tuple[str, list[HistoryLine]]:
        """/devcenter history <slug>."""
        return _queue.history(self.uow, actor, slug)

    def database_ok(self) -> bool:
        """True when the database answers."""
        try:
            with self.uow() as uow:
                uow.partners.get(0)
            return True
        except Exception:
            return False
