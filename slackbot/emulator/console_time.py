"""What `:time` understands: ISO 8601, or words relative to the console's clock (`next wednesday 08:00`, `+14d`)."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_TIME = time(9, 0)  # a weekday or `tomorrow` without a time: the start of a working day
OFFSET = re.compile(r"\+(?:(?P<w>\d+)w)?(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m(?:in)?)?")
CLOCK = re.compile(r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<half>am|pm)?")
USAGE = (
    "time: an ISO 8601 moment (2026-12-02T08:00), a weekday and time (wednesday 08:00, next tuesday 16:59), "
    "today 16:59, tomorrow 09:00, an offset (+14d, +1h, +1d2h, +2w, +30m), release, or now"
)


def parse_moment(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """The moment `text` names, read in `zone` relative to `now` (a weekday is the next one still ahead)."""
    words = text.strip().lower().split()
    if not words:
        raise ValueError(USAGE)
    if words[0].startswith("+"):
        return now + _offset(" ".join(words))
    if words[0] == "next":
        words = words[1:]
    local = now.astimezone(zone)
    day, rest = (words[0], words[1:]) if words else ("", [])
    if day in ("today", "tomorrow"):
        at = _clock(rest, local.time() if day == "today" and not rest else DEFAULT_TIME)
        date = local.date() + timedelta(days=1 if day == "tomorrow" else 0)
        return datetime.combine(date, at, tzinfo=zone)
    weekday = _weekday(day)
    if weekday is not None:
        at = _clock(rest, DEFAULT_TIME)
        ahead = (weekday - local.weekday()) % 7
        moment = datetime.combine(local.date() + timedelta(days=ahead), at, tzinfo=zone)
        return moment if moment > now else datetime.combine(moment.date() + timedelta(days=7), at, tzinfo=zone)
    return _iso(text.strip(), zone)


def _offset(text: str) -> timedelta:
    match = OFFSET.fullmatch(text.replace(" ", ""))
    if match is None or not any(match.groupdict().values()):
        raise ValueError(USAGE)
    amounts = {key: int(value or 0) for key, value in match.groupdict().items()}
    return timedelta(weeks=amounts["w"], days=amounts["d"], hours=amounts["h"], minutes=amounts["m"])


def _clock(words: list[str], default: time) -> time:
    if not words:
        return default
    match = CLOCK.fullmatch(" ".join(words).removeprefix("at ").strip())
    if match is None:
        raise ValueError(USAGE)
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            raise ValueError(USAGE)
        hour = hour % 12 + (12 if match["half"] == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(USAGE)
    return time(hour, minute)


def _weekday(word: str) -> int | None:
    matches = [index for index, name in enumerate(WEEKDAYS) if len(word) >= 3 and name.startswith(word)]
    return matches[0] if len(matches) == 1 else None


def _iso(text: str, zone: ZoneInfo) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(USAGE) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)
