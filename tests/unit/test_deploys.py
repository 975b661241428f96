"""The Wednesday release calendar: cutoffs, freezes, DST, emergencies."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from slackbot.domain.releases import ReleaseCalendar, ReleaseWindow

LA = ZoneInfo("America/Los_Angeles")
LONDON = ZoneInfo("Europe/London")
CALENDAR = ReleaseCalendar()

# A summer week in 2026: Monday 15 June ... Sunday 21 June; the Wednesday release is 17 June.
WED_JUNE_17 = date(2026, 6, 17)
WED_JUNE_24 = date(2026, 6, 24)


def la(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    """An aware datetime on the Los Angeles wall clock."""
    return datetime(year, month, day, hour, minute, second, tzinfo=LA)


def offset_hours(value: datetime) -> float:
    """The UTC offset of an aware datetime, in hours."""
    offset = value.utcoffset()
    assert offset is not None
    return offset.total_seconds() / 3600


# --- the ordinary week ---------------------------------------------------------------------------


def test_merge_on_monday_makes_this_wednesdays_release() -> None:
    assert CALENDAR.release_for_merge(la(2026, 6, 15, 11, 30)) == WED_JUNE_17


def test_merge_at_tuesday_1659_makes_tomorrows_release() -> None:
    assert CALENDAR.release_for_merge(la(2026, 6, 16, 16, 59)) == WED_JUNE_17


def test_merge_at_tuesday_1700_exactly_still_makes_tomorrows_release() -> None:
    assert CALENDAR.release_for_merge(la(2026, 6, 16, 17, 0)) == WED_JUNE_17


def test_merge_at_tuesday_1700_and_one_second_misses_to_next_week() -> None:
    assert CALENDAR.release_for_merge(la(2026, 6, 16, 17, 0, 1)) == WED_JUNE_24


def test_merge_at_tuesday_1701_misses_to_next_week() -> None:
    assert CALENDAR.release_for_merge(la(2026, 6, 16, 17, 1)) == WED_JUNE_24


def test_merge_on_wednesday_morning_makes_next_weeks_release() -> None:
    assert CALENDAR.release_for_merge(la(2026, 6, 17, 9, 0)) == WED_JUNE_24


def test_merge_on_wednesday_evening_makes_next_weeks_release() -> None:
    assert CALENDAR.release_for_merge(la(2026, 6, 17, 21, 45)) == WED_JUNE_24


def test_merge_on_thursday_makes_next_weeks_release() -> None:
    assert CALENDAR.release_for_merge(la(2026, 6, 18, 10, 0)) == WED_JUNE_24


def test_merge_on_saturday_makes_next_weeks_release() -> None:
    assert CALENDAR.release_for_merge(la(2026, 6, 20, 12, 0)) == WED_JUNE_24


def test_merge_on_sunday_night_makes_next_weeks_release() -> None:
    assert CALENDAR.release_for_merge(la(2026, 6, 21, 23, 59)) == WED_JUNE_24


def test_next_window_cutoff_is_tuesday_1700_pacific_daylight_time_in_summer() -> None:
    window = CALENDAR.next_window(la(2026, 6, 15, 8, 0))
    assert window == ReleaseWindow(WED_JUNE_17, la(2026, 6, 16, 17, 0), "America/Los_Angeles")
    assert offset_hours(window.cutoff) == -7


def test_next_window_in_winter_has_pacific_standard_offset() -> None:
    window = CALENDAR.next_window(la(2026, 1, 12, 8, 0))
    assert window.release == date(2026, 1, 14)
    assert window.cutoff.isoformat() == "2026-01-13T17:00:00-08:00"


def test_release_on_is_true_only_for_wednesdays() -> None:
    assert CALENDAR.release_on(WED_JUNE_17)
    assert not CALENDAR.release_on(date(2026, 6, 16))
    assert not CALENDAR.release_on(date(2026, 6, 18))


def test_release_day_card_sees_todays_release_while_new_merges_see_next_week() -> None:
    wednesday_morning = la(2026, 6, 17, 9, 0)
    today = CALENDAR.todays_release(wednesday_morning)
    assert today is not None
    assert today.release == WED_JUNE_17
    assert today.cutoff == la(2026, 6, 16, 17, 0)
    assert CALENDAR.next_window(wednesday_morning).release == WED_JUNE_24


def test_todays_release_is_none_on_a_thursday() -> None:
    assert CALENDAR.todays_release(la(2026, 6, 18, 9, 0)) is None


def test_time_left_counts_down_to_the_cutoff() -> None:
    assert CALENDAR.time_left(la(2026, 6, 16, 15, 30)) == timedelta(hours=1, minutes=30)
    assert CALENDAR.time_left(la(2026, 6, 16, 17, 0)) == timedelta(0)


def test_windows_lists_consecutive_wednesdays() -> None:
    releases = [w.release for w in CALENDAR.windows(la(2026, 6, 15), 3)]
    assert releases == [WED_JUNE_17, WED_JUNE_24, date(2026, 7, 1)]
    assert CALENDAR.windows(la(2026, 6, 15), 0) == []


def test_windows_rejects_a_negative_count() -> None:
    with pytest.raises(ValueError):
        CALENDAR.windows(la(2026, 6, 15), -1)


# --- daylight saving time ------------------------------------------------------------------------


def test_spring_forward_week_cutoff_is_in_daylight_time() -> None:
    # Clocks went forward on Sunday 2026-03-08; the Saturday before is still -08:00.
    window = CALENDAR.next_window(la(2026, 3, 7, 12, 0))
    assert window.release == date(2026, 3, 11)
    assert window.cutoff.isoformat() == "2026-03-10T17:00:00-07:00"
    assert window.cutoff.astimezone(UTC) == datetime(2026, 3, 11, 0, 0, tzinfo=UTC)


def test_spring_forward_time_left_is_real_elapsed_time_not_wall_clock() -> None:
    # Saturday 17:00 PST to Tuesday 17:00 PDT is 72 wall-clock hours but only 71 real ones.
    assert CALENDAR.time_left(la(2026, 3, 7, 17, 0)) == timedelta(hours=71)


def test_week_before_spring_forward_cutoff_is_still_standard_time() -> None:
    window = CALENDAR.next_window(la(2026, 3, 2, 9, 0))
    assert window.cutoff.isoformat() == "2026-03-03T17:00:00-08:00"


def test_fall_back_week_cutoff_is_in_standard_time() -> None:
    # Clocks went back on Sunday 2026-11-01.
    window = CALENDAR.next_window(la(2026, 10, 29, 12, 0))
    assert window.release == date(2026, 11, 4)
    assert window.cutoff.isoformat() == "2026-11-03T17:00:00-08:00"
    assert window.cutoff.astimezone(UTC) == datetime(2026, 11, 4, 1, 0, tzinfo=UTC)


def test_fall_back_time_left_includes_the_repeated_hour() -> None:
    assert CALENDAR.time_left(la(2026, 10, 31, 17, 0)) == timedelta(hours=73)


def test_week_before_fall_back_cutoff_is_still_daylight_time() -> None:
    window = CALENDAR.next_window(la(2026, 10, 26, 9, 0))
    assert window.cutoff.isoformat() == "2026-10-27T17:00:00-07:00"


def test_merge_during_the_repeated_fall_back_hour_makes_the_wednesday_release() -> None:
    first_130 = datetime(2026, 11, 1, 1, 30, fold=0, tzinfo=LA)
    second_130 = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=LA)
    assert offset_hours(first_130) == -7
    assert offset_hours(second_130) == -8
    assert CALENDAR.release_for_merge(first_130) == date(2026, 11, 4)
    assert CALENDAR.release_for_merge(second_130) == date(2026, 11, 4)


# --- freezes -------------------------------------------------------------------------------------


def test_frozen_wednesday_moves_the_release_a_week_and_the_cutoff_with_it() -> None:
    frozen = ReleaseCalendar(skipped=frozenset({WED_JUNE_17}))
    window = frozen.next_window(la(2026, 6, 15, 10, 0))
    assert window.release == WED_JUNE_24
    assert window.cutoff == la(2026, 6, 23, 17, 0)
    assert not frozen.release_on(WED_JUNE_17)


def test_merge_after_the_frozen_weeks_tuesday_cutoff_still_makes_the_moved_release() -> None:
    frozen = ReleaseCalendar(skipped=frozenset({WED_JUNE_17}))
    assert frozen.release_for_merge(la(2026, 6, 16, 18, 0)) == WED_JUNE_24
    assert frozen.release_for_merge(la(2026, 6, 17, 9, 0)) == WED_JUNE_24


def test_two_consecutive_frozen_wednesdays_move_the_release_two_weeks() -> None:
    frozen = ReleaseCalendar(skipped=frozenset({WED_JUNE_17, WED_JUNE_24}))
    window = frozen.next_window(la(2026, 6, 15, 10, 0))
    assert window.release == date(2026, 7, 1)
    assert window.cutoff == la(2026, 6, 30, 17, 0)
    assert [w.release for w in frozen.windows(la(2026, 6, 15), 2)] == [date(2026, 7, 1), date(2026, 7, 8)]


def test_frozen_wednesday_has_no_release_day_card() -> None:
    frozen = ReleaseCalendar(skipped=frozenset({WED_JUNE_17}))
    assert frozen.todays_release(la(2026, 6, 17, 9, 0)) is None


def test_skipped_date_that_is_not_a_wednesday_is_rejected() -> None:
    with pytest.raises(ValueError, match="not a Wednesday"):
        ReleaseCalendar(skipped=frozenset({date(2026, 6, 16)}))


def test_window_for_a_non_release_day_is_rejected() -> None:
    with pytest.raises(ValueError):
        ReleaseCalendar(skipped=frozenset({WED_JUNE_17})).window_for(WED_JUNE_17)


# --- the year boundary ---------------------------------------------------------------------------


def test_merge_on_tuesday_december_29_makes_wednesday_december_30() -> None:
    window = CALENDAR.next_window(la(2026, 12, 29, 16, 0))
    assert window.release == date(2026, 12, 30)
    assert window.cutoff.isoformat() == "2026-12-29T17:00:00-08:00"


def test_late_merge_on_december_29_makes_the_first_release_of_2027() -> None:
    window = CALENDAR.next_window(la(2026, 12, 29, 17, 30))
    assert window.release == date(2027, 1, 6)
    assert window.cutoff.isoformat() == "2027-01-05T17:00:00-08:00"


def test_merge_on_new_years_day_makes_january_6() -> None:
    assert CALENDAR.release_for_merge(la(2027, 1, 1, 12, 0)) == date(2027, 1, 6)


def test_freezing_december_30_moves_the_release_into_2027() -> None:
    frozen = ReleaseCalendar(skipped=frozenset({date(2026, 12, 30)}))
    window = frozen.next_window(la(2026, 12, 28, 9, 0))
    assert window.release == date(2027, 1, 6)
    assert window.cutoff == la(2027, 1, 5, 17, 0)


# --- timezones and input checks ------------------------------------------------------------------


def test_now_in_utc_and_in_local_time_give_the_same_window() -> None:
    local = la(2026, 6, 16, 16, 59)
    assert CALENDAR.next_window(local.astimezone(UTC)) == CALENDAR.next_window(local)


def test_utc_wednesday_that_is_still_tuesday_afternoon_in_los_angeles_makes_wednesday() -> None:
    # 23:30 UTC Tuesday is 16:30 PDT Tuesday; 00:30 UTC Wednesday is 17:30 PDT Tuesday.
    assert CALENDAR.release_for_merge(datetime(2026, 6, 16, 23, 30, tzinfo=UTC)) == WED_JUNE_17
    assert CALENDAR.release_for_merge(datetime(2026, 6, 17, 0, 30, tzinfo=UTC)) == WED_JUNE_24


def test_london_calendar_uses_london_wall_clock_cutoffs() -> None:
    london = ReleaseCalendar(tz_name="Europe/London")
    summer = london.next_window(datetime(2026, 6, 15, 9, 0, tzinfo=LONDON))
    assert summer.to_json() == {
        "release": "2026-06-17",
        "cutoff": "2026-06-16T17:00:00+01:00",
        "timezone": "Europe/London",
    }
    winter = london.next_window(datetime(2026, 12, 1, 9, 0, tzinfo=LONDON))
    assert winter.cutoff.isoformat() == "2026-12-01T17:00:00+00:00"


def test_london_cutoff_has_passed_when_los_angeles_is_still_at_lunch() -> None:
    london = ReleaseCalendar(tz_name="Europe/London")
    tuesday_lunch_in_la = la(2026, 6, 16, 12, 0)  # 20:00 in London
    assert london.release_for_merge(tuesday_lunch_in_la) == WED_JUNE_24
    assert CALENDAR.release_for_merge(tuesday_lunch_in_la) == WED_JUNE_17


def test_to_json_has_release_cutoff_with_offset_and_timezone() -> None:
    assert CALENDAR.next_window(la(2026, 6, 15, 8, 0)).to_json() == {
        "release": "2026-06-17",
        "cutoff": "2026-06-16T17:00:00-07:00",
        "timezone": "America/Los_Angeles",
    }


def test_naive_datetime_is_rejected() -> None:
    naive = datetime(2026, 6, 15, 9, 0)
    with pytest.raises(ValueError, match="timezone-aware"):
        CALENDAR.next_window(naive)
    with pytest.raises(ValueError):
        CALENDAR.release_for_merge(naive)
    with pytest.raises(ValueError):
        CALENDAR.time_left(naive)
    with pytest.raises(ValueError):
        CALENDAR.windows(naive, 0)


def test_unknown_timezone_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown timezone"):
        ReleaseCalendar(tz_name="Mars/Olympus_Mons")
