"""Who is who in Slack: staff membership and external (Slack Connect) users, cached."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

log = logging.getLogger(__name__)


class SlackDirectory:
    """Staff = listed in DEVCENTER_STAFF_USERS or the staff user group, and not external."""

    def __init__(
        self,
        client: WebClient,
        *,
        staff_users: frozenset[str],
        staff_usergroup: str | None,
        ttl: float = 300.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client, self.staff_users, self.staff_usergroup = client, staff_users, staff_usergroup
        self.ttl, self.monotonic = ttl, monotonic
        self._lock = threading.Lock()
        self._external: dict[str, tuple[float, bool]] = {}
        self._group: tuple[float, frozenset[str]] | None = None
        self._home_team: str | None = None

    def is_staff(self, user_id: str) -> bool:
        """Listed as staff and a member of our own workspace (an external user never is)."""
        listed = user_id in self.staff_users or user_id in self._group_members()
        return listed and not self.is_external(user_id)

    def is_external(self, user_id: str) -> bool:
        """True for Slack Connect users from another organisation, guests, and unknown users."""
        now = self.monotonic()
        with self._lock:
            cached = self._external.get(user_id)
        if cached and now - cached[0] < self.ttl:
            return cached[1]
        try:
            user = self.client.users_info(user=user_id)["user"]
            external = bool(
                user.get("is_stranger")
                or user.get("is_restricted")
                or user.get("is_ultra_restricted")
                or user.get("team_id") != self._team_id()
            )
        except (SlackApiError, SlackClientError, KeyError) as exc:
            log.warning("users.info failed for %s (%s); treating as external", user_id, type(exc).__name__)
            return True
        with self._lock:
            self._external[user_id] = (now, external)
        return external

    def _team_id(self) -> str | None:
        if self._home_team is None:
            self._home_team = self.client.auth_test()["team_id"]
        return self._home_team

    def _group_members(self) -> frozenset[str]:
        if not self.staff_usergroup:
            return frozenset()
        now = self.monotonic()
        if self._group and now - self._group[0] < self.ttl:
            return self._group[1]
        try:
            users = frozenset(self.client.usergroups_users_list(usergroup=self.staff_usergroup)["users"])
        except (SlackApiError, SlackClientError) as exc:
            log.warning("usergroups.users.list failed (%s); staff group treated as empty", type(exc).__name__)
            return self._group[1] if self._group else frozenset()
        self._group = (now, users)
        return users
