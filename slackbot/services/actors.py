"""Who is acting: partner membership by Slack user id, cached briefly (every request asks, before its ack)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from slackbot.domain.actors import Actor
from slackbot.domain.errors import NotPermitted
from storage.uow import UowFactory

log = logging.getLogger(__name__)

MEMBERSHIP_TTL = 10.0  # seconds another process's change (an import, an approval) may take to be seen here


class MembershipCache:
    """user id → partner id (or None), for MEMBERSHIP_TTL seconds; changes made in this process clear it."""

    def __init__(self, ttl: float = MEMBERSHIP_TTL, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.monotonic = ttl, monotonic
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, int | None]] = {}

    def partner_of(self, uow_factory: UowFactory, user_id: str) -> int | None:
        """The partner id a Slack user belongs to."""
        now = self.monotonic()
        with self._lock:
            cached = self._entries.get(user_id)
        if cached is not None and now - cached[0] < self.ttl:
            return cached[1]
        with uow_factory() as uow:
            partner_id = uow.partners.member_partner_id(user_id)
        with self._lock:
            if len(self._entries) > 50_000:
                self._entries.clear()
            self._entries[user_id] = (now, partner_id)
        return partner_id

    def forget(self, user_id: str | None = None) -> None:
        """Drop one user (or everybody) after a membership change."""
        with self._lock:
            if user_id is None:
                self._entries.clear()
            else:
                self._entries.pop(user_id, None)


def require_staff(actor: Actor, action: str, message: str) -> None:
    """Refuse anyone but staff with `message`, and log the refusal (who tried what)."""
    if not actor.is_staff:
        log.warning("refused %s by %s (not staff)", action, actor.user_id)
        raise NotPermitted(message)
