"""Business days for the review SLA (3 business days in DEVCENTER_TZ)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from slackbot.domain.reviews import (
    add_business_days,
    business_days_between,
    is_business_day,
    is_overdue,
    review_due,
)

TZ = "America/Los_Angeles"
LA = ZoneInfo(TZ)
MEMORIAL_DAY = date(2026, 5, 25)  # a Monday
INDEPENDENCE_DAY_OBSERVED = date(2026, 7, 3)  # a Friday
HOLIDAYS = frozenset({MEMORIAL_DAY, INDEPENDENCE_DAY_OBSERVED})


def la(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware datetime on the Los Angeles wall clock."""
    return datetime(year, month, day, hour, minute, tzinfo=LA)


# --- review_due / add_business_days --------------------------------------------------------------


def test_friday_submission_is_due_the_next_wednesday_at_the_same_time() -> None:
    assert review_due(la(2026, 6, 19, 14, 0), TZ) == la(2026, 6, 24, 14, 0)


def test_monday_submission_is_due_thursday() -> None:
    assert review_due(la(2026, 6, 15, 10, 0), TZ) == la(2026, 6, 18, 10, 0)


def test_saturday_submission_counts_from_monday_0900_and_is_due_thursday_0900() -> None:
    assert review_due(la(2026, 6, 20, 15, 30), TZ) == la(2026, 6, 25, 9, 0)


def test_sunday_night_submission_is_due_thursday_0900() -> None:
    assert review_due(la(2026, 6, 21, 23, 59), TZ) == la(2026, 6, 25, 9, 0)


def test_friday_night_submission_keeps_its_time_of_day() -> None:
    assert review_due(la(2026, 6, 19, 23, 30), TZ) == la(2026, 6, 24, 23, 30)


def test_holiday_monday_is_skipped() -> None:
    # Friday before Memorial Day: Tuesday, Wednesday, Thursday.
    assert review_due(la(2026, 5, 22, 11, 0), TZ, holidays=HOLIDAYS) == la(2026, 5, 28, 11, 0)


def test_holiday_friday_is_skipped() -> None:
    # Thursday 2 July 2026, with Friday 3 July off: Monday, Tuesday, Wednesday.
    assert review_due(la(2026, 7, 2, 16, 0), TZ, holidays=HOLIDAYS) == la(2026, 7, 8, 16, 0)


def test_submission_on_a_holiday_counts_from_the_next_business_morning() -> None:
    assert review_due(la(2026, 5, 25, 10, 0), TZ, holidays=HOLIDAYS) == la(2026, 5, 29, 9, 0)


def test_holidays_are_ignored_when_not_given() -> None:
    assert review_due(la(2026, 5, 22, 11, 0), TZ) == la(2026, 5, 27, 11, 0)


def test_spring_forward_keeps_the_local_wall_time() -> None:
    due = review_due(la(2026, 3, 6, 14, 0), TZ)  # Friday, PST
    assert due.isoformat() == "2026-03-11T14:00:00-07:00"


def test_fall_back_keeps_the_local_wall_time() -> None:
    due = review_due(la(2026, 10, 30, 14, 0), TZ)  # Friday, PDT
    assert due.isoformat() == "2026-11-04T14:00:00-08:00"


def test_utc_submission_is_counted_on_the_local_calendar() -> None:
    # Saturday 02:00 UTC is still Friday 19:00 in Los Angeles, so Friday counts as a business day.
    due = review_due(datetime(2026, 6, 20, 2, 0, tzinfo=UTC), TZ)
    assert due == la(2026, 6, 24, 19, 0)
    assert due.tzinfo == LA


def test_custom_sla_length() -> None:
    assert review_due(la(2026, 6, 15, 10, 0), TZ, sla_days=1) == la(2026, 6, 16, 10, 0)
    assert review_due(la(2026, 6, 19, 10, 0), TZ, sla_days=5) == la(2026, 6, 26, 10, 0)


def test_adding_zero_days_returns_the_start_or_the_next_business_morning() -> None:
    assert add_business_days(la(2026, 6, 17, 10, 0), 0, TZ) == la(2026, 6, 17, 10, 0)
    assert add_business_days(la(2026, 6, 20, 10, 0), 0, TZ) == la(2026, 6, 22, 9, 0)


def test_negative_days_are_rejected() -> None:
    with pytest.raises(ValueError):
        add_business_days(la(2026, 6, 17, 10, 0), -1, TZ)


def test_naive_submission_is_rejected() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        review_due(datetime(2026, 6, 19, 14, 0), TZ)


def test_unknown_timezone_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown timezone"):
        review_due(la(2026, 6, 19, 14, 0), "Atlantis/Central")


def test_is_business_day_knows_weekends_and_holidays() -> None:
    assert is_business_day(date(2026, 6, 19))
    assert not is_business_day(date(2026, 6, 20))
    assert not is_business_day(date(2026, 6, 21))
    assert not is_business_day(MEMORIAL_DAY, HOLIDAYS)


# --- is_overdue ----------------------------------------------------------------------------------


def test_review_is_not_overdue_before_or_exactly_at_the_due_time() -> None:
    due = review_due(la(2026, 6, 19, 14, 0), TZ)
    assert not is_overdue(due, la(2026, 6, 24, 13, 59))
    assert not is_overdue(due, due)


def test_review_is_overdue_a_second_after_the_due_time() -> None:
    due = review_due(la(2026, 6, 19, 14, 0), TZ)
    assert is_overdue(due, due + timedelta(seconds=1))


def test_overdue_compares_instants_across_timezones() -> None:
    due = la(2026, 6, 24, 14, 0)  # 21:00 UTC
    assert not is_overdue(due, datetime(2026, 6, 24, 21, 0, tzinfo=UTC))
    assert is_overdue(due, datetime(2026, 6, 24, 21, 1, tzinfo=UTC))


def test_overdue_rejects_naive_now() -> None:
    with pytest.raises(ValueError):
        is_overdue(la(2026, 6, 24, 14, 0), datetime(2026, 6, 24, 15, 0))


# --- business_days_between -----------------------------------------------------------------------


def test_friday_to_wednesday_is_three_business_days() -> None:
    assert business_days_between(la(2026, 6, 19, 14, 0), la(2026, 6, 24, 9, 0), TZ) == 3


def test_same_day_is_zero_business_days() -> None:
    assert business_days_between(la(2026, 6, 17, 9, 0), la(2026, 6, 17, 18, 0), TZ) == 0


def test_friday_to_monday_is_one_business_day() -> None:
    assert business_days_between(la(2026, 6, 19, 17, 0), la(2026, 6, 22, 8, 0), TZ) == 1


def test_weekend_to_weekend_counts_the_week_between() -> None:
    assert business_days_between(la(2026, 6, 20, 12, 0), la(2026, 6, 28, 12, 0), TZ) == 5


def test_holidays_do_not_count_as_business_days_between() -> None:
    start, end = la(2026, 5, 22, 10, 0), la(2026, 5, 28, 10, 0)
    assert business_days_between(start, end, TZ) == 4
    assert business_days_between(start, end, TZ, holidays=HOLIDAYS) == 3


def test_business_days_between_is_negative_when_reversed() -> None:
    assert business_days_between(la(2026, 6, 24, 9, 0), la(2026, 6, 19, 14, 0), TZ) == -3


def test_business_days_between_uses_the_local_calendar_for_utc_inputs() -> None:
    friday_evening_local = datetime(2026, 6, 20, 2, 0, tzinfo=UTC)  # Friday 19:00 in Los Angeles
    assert business_days_between(friday_evening_local, la(2026, 6, 22, 9, 0), TZ) == 1


def test_business_days_between_undoes_add_business_days_from_a_business_day() -> None:
    start = la(2026, 6, 18, 15, 0)
    for days in range(0, 15):
        due = add_business_days(start, days, TZ, HOLIDAYS)
        assert business_days_between(start, due, TZ, HOLIDAYS) == days
