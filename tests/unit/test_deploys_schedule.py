"""The release schedule: which release a merge ships in, seen from one day (split from test_deploys.py)."""

from __future__ import annotations

from datetime import date

from test_deploys import la  # shared calendar fixtures

from slackbot.domain.releases import EmergencyRelease, ReleaseCalendar, Schedule

TUE_NOV_24, WED_NOV_25, WED_DEC_2, WED_DEC_9 = (
    date(2026, 11, 24),
    date(2026, 11, 25),
    date(2026, 12, 2),
    date(2026, 12, 9),
)
CALENDAR = ReleaseCalendar()


def test_a_merge_a_minute_before_the_cutoff_ships_this_wednesday_and_a_minute_after_the_next() -> None:
    schedule = Schedule(CALENDAR, TUE_NOV_24)

    assert schedule.ships_on(la(2026, 11, 24, 16, 59)) == WED_NOV_25
    assert schedule.ships_on(la(2026, 11, 24, 17, 1)) == WED_DEC_2


def test_a_merge_whose_release_went_out_without_it_ships_in_the_next_release_day() -> None:
    merged = la(2026, 11, 24, 12, 0)
    thursday = Schedule(CALENDAR, date(2026, 11, 26))

    assert thursday.planned(merged) == WED_NOV_25
    assert thursday.ships_on(merged) == WED_DEC_2
    assert Schedule(CALENDAR, WED_NOV_25).ships_on(merged) == WED_NOV_25  # on the day itself it still ships


def test_a_frozen_wednesday_moves_its_merges_to_the_next_one() -> None:
    frozen = Schedule(ReleaseCalendar(skipped=frozenset({WED_DEC_2})), TUE_NOV_24)

    assert frozen.ships_on(la(2026, 11, 24, 17, 1)) == WED_DEC_9
    assert frozen.next_release_day(WED_DEC_2) == WED_DEC_9
    assert frozen.cutoff_of(WED_DEC_2) is None and not frozen.is_release_day(WED_DEC_2)


def test_an_emergency_release_takes_what_was_merged_by_its_cutoff_when_it_comes_first() -> None:
    friday = EmergencyRelease(date(2026, 11, 27), la(2026, 11, 27, 12, 0))
    schedule = Schedule(CALENDAR, TUE_NOV_24, (friday,))

    assert schedule.ships_on(la(2026, 11, 24, 16, 0)) == WED_NOV_25  # its own Wednesday comes first
    assert schedule.ships_on(la(2026, 11, 26, 9, 0)) == friday.release
    assert schedule.ships_on(la(2026, 11, 27, 13, 0)) == WED_DEC_2  # after the emergency cutoff
    assert schedule.is_emergency(friday.release) and schedule.cutoff_of(friday.release) == friday.cutoff
