"""The Wednesday release calendar: which release a merge makes, and when the next cutoff is.

Rules:
- Releases happen on Wednesdays in the calendar's timezone (default America/Los_Angeles).
- A change makes the release of Wednesday W when it is merged at or before 17:00 local wall time
  on the Tuesday before W; a later merge makes the next release.
- Skipped Wednesdays (freezes, holidays) simply are not releases: the work moves to the next
  non-skipped Wednesday, whose cutoff is the Tuesday 17:00 right before it. A merge during a frozen
  week therefore still makes the moved release.
- Emergency releases are staff-declared one-offs with their own cutoff; only
  ``next_window_with_emergencies`` considers them.

Time is always a parameter and must be timezone-aware; naive datetimes raise ValueError.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEDNESDAY = 2  # date.weekday()
CUTOFF_TIME = time(17, 0)
DEFAULT_TZ = "America/Los_Angeles"
_WEEK = timedelta(days=7)


def require_aware(value: datetime, name: str = "datetime") -> datetime:
    """Return ``value`` unchanged, or raise ValueError if it is not a timezone-aware datetime."""
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value.isoformat()}")
    return value


def load_zone(tz_name: str) -> ZoneInfo:
    """Return the ZoneInfo for an IANA name, raising ValueError for an unknown one."""
    try:
        return ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {tz_name!r}") from exc


def _require_date(value: object, name: str) -> date:
    """Return ``value`` if it is a plain date (not a datetime), else raise TypeError."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date, got {type(value).__name__}")
    return value


@dataclass(frozen=True)
class ReleaseWindow:
    """A release day and the last moment a merge can make it."""

    release: date
    cutoff: datetime
    timezone: str

    def __post_init__(self) -> None:
        _require_date(self.release, "release")
        require_aware(self.cutoff, "cutoff")

    def to_json(self) -> dict[str, str]:
        """Return the CLI/JSON shape: release date, ISO-8601 cutoff with offset, timezone name."""
        return {
            "release": self.release.isoformat(),
            "cutoff": self.cutoff.isoformat(),
            "timezone": self.timezone,
        }


@dataclass(frozen=True)
class EmergencyRelease:
    """A staff-declared one-off release on any day, with its own aware cutoff (not after that day)."""

    release: date
    cutoff: datetime

    def __post_init__(self) -> None:
        _require_date(self.release, "release")
        require_aware(self.cutoff, "cutoff")
        if self.cutoff.date() > self.release:
            raise ValueError("an emergency release's cutoff cannot fall after its release day")


@dataclass(frozen=True)
class ReleaseCalendar:
    """Wednesday releases in ``tz_name``, minus the ``skipped`` (frozen) Wednesdays."""

    tz_name: str = DEFAULT_TZ
    skipped: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        load_zone(self.tz_name)
        skipped = frozenset(self.skipped)
        for day in skipped:
            _require_date(day, "skipped date")
            if day.weekday() != WEDNESDAY:
                raise ValueError(f"skipped date {day.isoformat()} is not a Wednesday")
        object.__setattr__(self, "skipped", skipped)

    @property
    def zone(self) -> ZoneInfo:
        """The calendar's ZoneInfo."""
        return load_zone(self.tz_name)

    def release_on(self, day: date) -> bool:
        """True when ``day`` is a regular (non-skipped) Wednesday release day."""
        _require_date(day, "day")
        return day.weekday() == WEDNESDAY and day not in self.skipped

    def window_for(self, release: date) -> ReleaseWindow:
        """The window of a given release day: cutoff is 17:00 local on the Tuesday before it."""
        if not self.release_on(release):
            raise ValueError(f"{release.isoformat()} is not a release day")
        return ReleaseWindow(release=release, cutoff=self._cutoff(release), timezone=self.tz_name)

    def next_window(self, now: datetime) -> ReleaseWindow:
        """The first release whose cutoff is at or after ``now`` (what a merge now would make)."""
        require_aware(now, "now")
        local_day = now.astimezone(self.zone).date()
        # The Wednesday on or after today; on a Wednesday that is today, whose cutoff has passed.
        candidate = local_day + timedelta(days=(WEDNESDAY - local_day.weekday()) % 7)
        while not self.release_on(candidate) or self._cutoff(candidate) < now:
            candidate += _WEEK
        return self.window_for(candidate)

    def release_for_merge(self, merged_at: datetime) -> date:
        """The release day a change merged at ``merged_at`` ships in."""
        return self.next_window(require_aware(merged_at, "merged_at")).release

    def windows(self, now: datetime, count: int) -> list[ReleaseWindow]:
        """The next ``count`` regular windows, the first being ``next_window(now)``."""
        if count < 0:
            raise ValueError("count must be >= 0")
        if count == 0:
            require_aware(now, "now")
            return []
        result = [self.next_window(now)]
        candidate = result[0].release
        while len(result) < count:
            candidate += _WEEK
            if self.release_on(candidate):
                result.append(self.window_for(candidate))
        return result

    def time_left(self, now: datetime) -> timedelta:
        """Real elapsed time from ``now`` to the next cutoff (DST-correct, never negative)."""
        cutoff = self.next_window(now).cutoff
        # Subtract in UTC: aware datetimes sharing a tzinfo subtract as wall clock, ignoring DST.
        return cutoff.astimezone(UTC) - now.astimezone(UTC)

    def todays_release(self, now: datetime) -> ReleaseWindow | None:
        """The regular release happening on ``now``'s local date, or None (for the release-day card)."""
        require_aware(now, "now")
        today = now.astimezone(self.zone).date()
        return self.window_for(today) if self.release_on(today) else None

    def next_window_with_emergencies(self, now: datetime, emergencies: Iterable[EmergencyRelease]) -> ReleaseWindow:
        """The earliest release (regular or emergency) whose cutoff is at or after ``now``.

        Between two open windows for the same day, the later cutoff wins (it is the real deadline).
        """
        best = self.next_window(now)
        for emergency in emergencies:
            if emergency.cutoff < now:
                continue
            cutoff = emergency.cutoff.astimezone(self.zone)
            if emergency.release < best.release or (emergency.release == best.release and cutoff > best.cutoff):
                best = ReleaseWindow(release=emergency.release, cutoff=cutoff, timezone=self.tz_name)
        return best

    def _cutoff(self, release: date) -> datetime:
        """17:00 local wall time on the day before ``release``."""
        return datetime.combine(release - timedelta(days=1), CUTOFF_TIME, tzinfo=self.zone)


@dataclass(frozen=True)
class Schedule:
    """The calendar as seen on one day, with the emergency releases declared from that day on.

    It is the one answer to "which release does this merge ship in?" that status, App Home, deploys and the
    release-day card all share: the merge's own Wednesday (or an earlier emergency release whose cutoff it met),
    and, when that day went by without shipping it, the next release day.
    """

    calendar: ReleaseCalendar
    today: date
    emergencies: tuple[EmergencyRelease, ...] = ()

    def is_release_day(self, day: date) -> bool:
        """A regular (unfrozen) Wednesday, or a declared emergency release."""
        return self.calendar.release_on(day) or any(e.release == day for e in self.emergencies)

    def next_release_day(self, day: date) -> date:
        """The first release day (regular or emergency) on or after ``day``."""
        candidate = day + timedelta(days=(WEDNESDAY - day.weekday()) % 7)
        while not self.calendar.release_on(candidate):
            candidate += _WEEK
        return min([candidate, *(e.release for e in self.emergencies if e.release >= day)])

    def planned(self, merged_at: datetime) -> date:
        """The release a merge was made for: its Wednesday, or an earlier emergency release whose cutoff it met."""
        regular = self.calendar.release_for_merge(merged_at)
        return min([regular, *(e.release for e in self.emergencies if merged_at <= e.cutoff)])

    def ships_on(self, merged_at: datetime) -> date:
        """The release an approved change merged at ``merged_at`` ships in, seen from ``today``."""
        planned = self.planned(merged_at)
        return planned if planned >= self.today else self.next_release_day(self.today)

    def cutoff_of(self, release: date) -> datetime | None:
        """The last moment a merge makes ``release`` (the later of its regular and emergency cutoffs)."""
        cutoffs = [e.cutoff for e in self.emergencies if e.release == release]
        if self.calendar.release_on(release):
            cutoffs.append(self.calendar.window_for(release).cutoff)
        return max(cutoffs, default=None)

    def next_window(self, now: datetime) -> ReleaseWindow:
        """What a merge now would make: the earliest open release, frozen Wednesdays skipped, emergencies included."""
        return self.calendar.next_window_with_emergencies(now, self.emergencies)

    def is_emergency(self, release: date) -> bool:
        """True for a release day that exists only because staff declared it."""
        return not self.calendar.release_on(release) and any(e.release == release for e in self.emergencies)
