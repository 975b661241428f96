"""Business-day arithmetic for the review SLA (3 business days, DEVCENTER_TZ).

Rules:
- A business day is a Monday-Friday local date that is not in ``holidays``.
- Adding N business days keeps the local wall-clock time of day (so it survives DST changes).
- Something that arrives on a weekend or holiday is treated as arriving at 09:00 local on the next
  business day (the start of the working day), and the count runs from there.

Time is always a parameter and must be timezone-aware; naive datetimes raise ValueError.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from slackbot.domain.deploys import load_zone, require_aware

REVIEW_SLA_DAYS = 3
START_OF_DAY = time(9, 0)
_DAY = timedelta(days=1)


def is_business_day(day: date, holidays: frozenset[date] = frozenset()) -> bool:
    """True for Monday-Friday dates that are not holidays."""
    if isinstance(day, datetime):
        raise TypeError("pass a date, not a datetime")
    return day.weekday() < 5 and day not in holidays


def _next_business_day(day: date, holidays: frozenset[date]) -> date:
    """The first business day strictly after ``day``."""
    day += _DAY
    while not is_business_day(day, holidays):
        day += _DAY
    return day


def add_business_days(start: datetime, days: int, tz_name: str, holidays: frozenset[date] = frozenset()) -> datetime:
    """Move ``days`` business days on from ``start``, keeping its local time of day.

    A ``start`` on a weekend or holiday first moves to 09:00 local on the next business day, so a
    Saturday submission plus 3 days is due Thursday 09:00. The result is in ``tz_name``; ``days``
    must be >= 0 (0 returns the normalised start).
    """
    require_aware(start, "start")
    if days < 0:
        raise ValueError("days must be >= 0")
    zone = load_zone(tz_name)
    local = start.astimezone(zone)
    day, clock = local.date(), local.timetz().replace(tzinfo=None)
    if not is_business_day(day, holidays):
        day, clock = _next_business_day(day, holidays), START_OF_DAY
    for _ in range(days):
        day = _next_business_day(day, holidays)
    return datetime.combine(day, clock, tzinfo=zone)


def review_due(
    submitted_at: datetime,
    tz_name: str,
    sla_days: int = REVIEW_SLA_DAYS,
    holidays: frozenset[date] = frozenset(),
) -> datetime:
    """When a review submitted at ``submitted_at`` is due: ``sla_days`` business days later."""
    return add_business_days(submitted_at, sla_days, tz_name, holidays)


def business_days_between(a: datetime, b: datetime, tz_name: str, holidays: frozenset[date] = frozenset()) -> int:
    """Business days d with local date(a) < d <= local date(b); negative when b is before a.

    This counts business-day boundaries crossed, so for a business-day start
    ``business_days_between(s, add_business_days(s, n, tz), tz) == n``.
    """
    require_aware(a, "a")
    require_aware(b, "b")
    zone = load_zone(tz_name)
    first, last = a.astimezone(zone).date(), b.astimezone(zone).date()
    sign = 1
    if last < first:
        first, last, sign = last, first, -1
    count = 0
    day = first + _DAY
    while day <= last:
        if is_business_day(day, holidays):
            count += 1
        day += _DAY
    return sign * count


def is_overdue(due: datetime, now: datetime) -> bool:
    """True once ``now`` is strictly after ``due`` (exactly at the due time is still on time)."""
    require_aware(due, "due")
    require_aware(now, "now")
    return now > due
