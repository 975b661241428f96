"""The one context every use case takes: unit-of-work factory, clock, settings and this process's caches."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from slackbot.config import Settings
from slackbot.domain.github_sync import Reconciler
from slackbot.domain.qa import EntryOrigin
from slackbot.kb.files import entry_from_values
from slackbot.kb.loader import load_entries
from slackbot.kb.model import KbEntry
from slackbot.kb.search import KbIndex
from slackbot.sealing import Sealer
from storage.models.qa import KbEntryRow
from storage.uow import UowFactory

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


def entry_from_row(row: KbEntryRow) -> KbEntry:
    """A database row as a KbEntry."""
    return entry_from_values(
        {
            "id": row.id,
            "title": row.title,
            "questions": row.questions,
            "answer": row.answer,
            "sources": row.sources,
            "as_of": row.as_of,
            "tags": row.tags,
        }
    )


class IndexCache:
    """This process's search index, rebuilt only when the entries' version in the database changes.

    The index covers the database entries once `kb load` has run; before that, the shipped files plus
    any entries staff saved from Slack (so the bot answers on a fresh install).
    """

    def __init__(self, shipped: Callable[[], list[KbEntry]] = load_entries) -> None:
        self._lock = threading.Lock()
        self._load_shipped = shipped
        self._shipped: tuple[KbEntry, ...] | None = None
        self._version: int | None = None
        self._index: KbIndex | None = None

    def index(self, uow_factory: UowFactory) -> KbIndex:
        """The current index (one small query to compare versions; a rebuild only after a change)."""
        with uow_factory() as uow:
            version = uow.kb.version()
            if self._index is not None and version == self._version:
                return self._index
            rows = [(row.origin, entry_from_row(row)) for row in uow.kb.entries()]
        with self._lock:
            if self._index is None or version != self._version:
                self._index, self._version = KbIndex(self._entries(rows)), version
            return self._index

    def _entries(self, rows: list[tuple[EntryOrigin, KbEntry]]) -> list[KbEntry]:
        if any(origin is EntryOrigin.FILE for origin, _ in rows):
            return [entry for _, entry in rows]
        if self._shipped is None:
            self._shipped = tuple(self._load_shipped())
        saved = {entry.id: entry for _, entry in rows}
        return [e for e in self._shipped if e.id not in saved] + list(saved.values())


@dataclass(frozen=True)
class Program:
    """What every use case runs against: `fn(program, actor, ...)`; the clock is injected, never read directly."""

    uow: UowFactory
    clock: Callable[[], datetime]
    settings: Settings = field(default_factory=Settings)
    members: MembershipCache = field(default_factory=MembershipCache, compare=False, repr=False)
    kb_index: IndexCache = field(default_factory=IndexCache, compare=False, repr=False)
    secrets: Sealer = field(default_factory=Sealer.ephemeral, compare=False, repr=False)  # DEVCENTER_SECRET_KEY
    outbox_wake: threading.Event = field(default_factory=threading.Event, compare=False, repr=False)
    reconciler: Reconciler | None = field(default=None, compare=False, repr=False)  # reads GitHub (GITHUB_TOKEN)

    def now(self) -> datetime:
        """The current moment, from the injected clock."""
        return self.clock()

    @property
    def timezone(self) -> str:
        """The program's timezone (DEVCENTER_TZ): releases, cutoffs, review due dates."""
        return self.settings.timezone

    @property
    def review_channel(self) -> str | None:
        """The staff channel of access and review cards (DEVCENTER_REVIEW_CHANNEL)."""
        return self.settings.review_channel

    @property
    def announce_channel(self) -> str | None:
        """The release announcements channel (DEVCENTER_ANNOUNCE_CHANNEL)."""
        return self.settings.announce_channel

    @property
    def launch_rule(self) -> str:
        """The active launch rule's key (DEVCENTER_LAUNCH_RULE)."""
        return self.settings.launch_rule
