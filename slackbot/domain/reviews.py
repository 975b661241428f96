"""Business-day arithmetic for the review SLA (3 business days, DEVCENTER_TZ).

Rules:
- A business day is a Monday-Friday local date that is not in ``holidays``.
- Adding N business days keeps the local wall-clock time of day (so it survives DST changes).
- Something that arrives on a weekend or holiday is treated as arriving at 09:00 local on the next
  business day (the start of the working day), and the count runs from there.

Time is always a parameter and must be timezone-aware; naive datetimes raise ValueError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from slackbot.domain.errors import InvalidInput
from slackbot.domain.releases import load_zone, require_aware
from slackbot.domain.urls import normalize_pr_url


class RequestKind(StrEnum):
    """What staff ask a partner for during review (no stage change)."""

    REPLAY_INFO = "replay_info"
    OAUTH = "oauth"


REQUEST_TITLES = {
    RequestKind.REPLAY_INFO: "replay compatibility info",
    RequestKind.OAUTH: "OAuth / Enable with Segment",
}


class RequestStatus(StrEnum):
    """A staff request waits for the partner's answer, then it is answered."""

    OPEN = "open"
    ANSWERED = "answered"


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


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Kind(StrEnum):
    """Kinds of destination Developer Center builds (mobile device-mode is not one of them)."""

    CLOUD = "cloud"
    WEB_DEVICE = "web_device"


KIND_LABELS = {Kind.CLOUD: "Cloud-mode destination", Kind.WEB_DEVICE: "Web device-mode destination"}


MOBILE_REFUSAL = (
    "Developer Center does not support device-mode mobile destinations. Segment recommends a cloud-mode "
    "destination, plus a plugin if you need device data such as the session ID."
)


def slug_problem(slug: str) -> str | None:
    """Why `slug` is not a valid integration slug, or None."""
    if not slug:
        return "A slug is required."
    if len(slug) > 64:
        return "Keep the slug to 64 characters or fewer."
    if not SLUG.fullmatch(slug):
        return "Use lowercase letters, digits and single hyphens only (for example acme-analytics)."
    return None


def pr_url_problem(url: str) -> str | None:
    """Why `url` is not a pull request on segmentio/action-destinations, or None (see `normalize_pr_url`)."""
    try:
        normalize_pr_url(url)
    except ValueError as error:
        return str(error)
    return None


MOBILE_KIND = "mobile_device"


@dataclass(frozen=True)
class Submission:
    """A valid submit-for-review form."""

    name: str
    slug: str
    kind: Kind
    pr_url: str


class SubmitField(StrEnum):
    """The fields of the submit-for-review form; also the block ids of its modal."""

    NAME = "name"
    SLUG = "slug"
    KIND = "kind"
    PR_URL = "pr_url"


def parse_submission(values: dict[str, str | None]) -> Submission:
    """Validate the submit-for-review form; raise InvalidInput keyed by field."""
    name, slug, kind, pr_url = ((values.get(f) or "").strip() for f in SubmitField)
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Give the integration's name."
    elif len(name) > 100:
        errors["name"] = "Keep the name under 100 characters."
    if problem := slug_problem(slug):
        errors["slug"] = problem
    if kind == MOBILE_KIND:
        errors["kind"] = MOBILE_REFUSAL
    elif kind not in {k.value for k in Kind}:
        errors["kind"] = "Choose the kind of destination."
    try:
        pr_url = normalize_pr_url(pr_url)
    except ValueError as error:
        errors["pr_url"] = str(error)
    if errors:
        raise InvalidInput(errors)
    return Submission(name, slug, Kind(kind), pr_url)
