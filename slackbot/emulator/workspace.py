"""The emulated workspace's state: users, channels, messages, views, triggers and response URLs.

Identifiers follow ../shared/slack-payloads/SOURCES.md: team T0DEVCTR01, app A0DEVCTR01, bot U0BOTDEV01.
"""

from __future__ import annotations

import itertools
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TEAM_ID, TEAM_DOMAIN, TEAM_NAME = "T0DEVCTR01", "devcenter-partners", "DevCenter Partners"
APP_ID, BOT_USER_ID, BOT_ID = "A0DEVCTR01", "U0BOTDEV01", "B0BOTDEV01"
EXTERNAL_TEAM_ID = "T0PARTNER1"
TRIGGER_TTL = 3.0  # seconds: https://docs.slack.dev/interactivity/handling-user-interaction (trigger_id)
RESPONSE_URL_USES, RESPONSE_URL_TTL = 5, 30 * 60.0


@dataclass
class User:
    """A Slack user; external users belong to another organisation (Slack Connect)."""

    id: str
    name: str
    real_name: str
    team_id: str = TEAM_ID
    is_bot: bool = False
    is_restricted: bool = False

    @property
    def is_external(self) -> bool:
        """True for Slack Connect users from another organisation."""
        return self.team_id != TEAM_ID

    def to_api(self) -> dict[str, Any]:
        """The users.info shape."""
        return {
            "id": self.id,
            "team_id": self.team_id,
            "name": self.name,
            "deleted": False,
            "real_name": self.real_name,
            "tz": "America/Los_Angeles",
            "profile": {"real_name": self.real_name, "display_name": self.name, "team": self.team_id},
            "is_admin": False,
            "is_owner": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "is_restricted": self.is_restricted,
            "is_ultra_restricted": False,
            "is_stranger": self.is_external,
        }


@dataclass
class Channel:
    """A channel, private channel, shared channel or bot DM."""

    id: str
    name: str
    members: set[str] = field(default_factory=set)
    is_im: bool = False
    is_ext_shared: bool = False
    im_user: str | None = None


@dataclass
class Message:
    """A posted message (or an ephemeral one, visible to `ephemeral_to` only)."""

    ts: str
    channel: str
    user: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str | None = None
    metadata: dict[str, Any] | None = None
    ephemeral_to: str | None = None
    bot_id: str | None = None
    revision: int = 0  # bumped by chat.update

    def to_api(self) -> dict[str, Any]:
        """The message shape in history and payloads."""
        data: dict[str, Any] = {
            "type": "message",
            "ts": self.ts,
            "user": self.user,
            "text": self.text,
            "team": TEAM_ID,
            "blocks": self.blocks,
        }
        if self.bot_id:
            data.update(bot_id=self.bot_id, app_id=APP_ID)
        if self.thread_ts:
            data["thread_ts"] = self.thread_ts
        if self.metadata:
            data["metadata"] = self.metadata
        return data


@dataclass
class View:
    """An open modal or a published Home tab."""

    id: str
    user: str
    data: dict[str, Any]
    hash: str
    type: str
    closed: bool = False


@dataclass
class ResponseUrl:
    """A response_url: 5 uses within 30 minutes, bound to a channel and a user."""

    id: str
    channel: str
    user: str
    created: float
    uses: int = 0


class Workspace:
    """All emulated Slack state, guarded by one lock (the fake Web API serves from several threads)."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.lock = threading.RLock()
        self.monotonic = monotonic
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self.messages: list[Message] = []
        self.views: dict[str, View] = {}
        self.homes: dict[str, View] = {}
        self.triggers: dict[str, tuple[str, float]] = {}
        self.response_urls: dict[str, ResponseUrl] = {}
        self.usergroups: dict[str, set[str]] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.socket_mode: Any = None  # a SocketModeServer once FakeSlack.enable_socket_mode() ran
        self._ids = itertools.count(1)
        self._ts = itertools.count(1)
        self.add_user("devcenter", "DevCenter", user_id=BOT_USER_ID, is_bot=True)

    def next_id(self, prefix: str) -> str:
        """A fresh Slack-looking id such as C000000007."""
        return f"{prefix}{next(self._ids):09d}"

    def next_ts(self) -> str:
        """A fresh, strictly increasing message ts ('10 digits.6 digits')."""
        return f"{1772518000 + next(self._ts)}.{next(self._ts) % 1000000:06d}"

    def add_user(
        self,
        name: str,
        real_name: str | None = None,
        *,
        external: bool = False,
        user_id: str | None = None,
        is_bot: bool = False,
    ) -> User:
        """Create a user; external users come from a partner organisation over Slack Connect."""
        with self.lock:
            user = User(
                user_id or self.next_id("U"),
                name,
                real_name or name.replace(".", " ").title(),
                EXTERNAL_TEAM_ID if external else TEAM_ID,
                is_bot,
            )
            self.users[user.id] = user
            return user

    def add_channel(
        self,
        name: str,
        *,
        shared: bool = False,
        members: list[User] | None = None,
        bot_member: bool = True,
        channel_id: str | None = None,
    ) -> Channel:
        """Create a channel (shared = Slack Connect); the bot is a member unless told otherwise."""
        with self.lock:
            member_ids = {u.id for u in members or []}
            channel = Channel(channel_id or self.next_id("C"), name, member_ids, is_ext_shared=shared)
            if bot_member:
                channel.members.add(BOT_USER_ID)
            self.channels[channel.id] = channel
            return channel

    def user_by_name(self, name: str) -> User:
        """Look a user up by name (KeyError when unknown)."""
        return next(u for u in self.users.values() if u.name == name)

    def channel_by_name(self, name: str) -> Channel:
        """Look a channel up by name."""
        return next(c for c in self.channels.values() if c.name == name.lstrip("#"))

    def im_with(self, user_id: str) -> Channel:
        """The bot's DM channel with a user, created on first use."""
        with self.lock:
            for channel in self.channels.values():
                if channel.is_im and channel.im_user == user_id:
                    return channel
            channel = Channel(self.next_id("D"), user_id, {user_id, BOT_USER_ID}, is_im=True, im_user=user_id)
            self.channels[channel.id] = channel
            return channel

    def new_trigger(self, user_id: str) -> str:
        """A trigger_id ('digits.digits.hex32') valid for 3 seconds, once."""
        trigger = f"{next(self._ids)}{secrets.randbelow(10**9)}.10229338706656.{secrets.token_hex(16)}"
        with self.lock:
            self.triggers[trigger] = (user_id, self.monotonic())
        return trigger

    def new_response_url(self, base_url: str, channel: str, user_id: str, kind: str = "commands") -> str:
        """A response_url served by the emulator, usable 5 times in 30 minutes."""
        url_id = secrets.token_urlsafe(12)
        with self.lock:
            self.response_urls[url_id] = ResponseUrl(url_id, channel, user_id, self.monotonic())
        return f"{base_url}hooks/{kind}/{TEAM_ID}/{next(self._ids)}/{url_id}"

    def visible_messages(self, channel_id: str, user_id: str | None = None) -> list[Message]:
        """Messages in a channel, oldest first; ephemerals only for their recipient."""
        with self.lock:
            return [
                m
                for m in self.messages
                if m.channel == channel_id and (m.ephemeral_to is None or m.ephemeral_to == user_id)
            ]
