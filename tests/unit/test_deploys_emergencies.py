"""Release calendar: emergency releases and the calendar's properties (split from test_deploys.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from test_deploys import CALENDAR, LA, LONDON, WED_JUNE_17, WED_JUNE_24, la  # shared calendar fixtures

from slackbot.domain.releases import EmergencyRelease, ReleaseCalendar

# --- emergency releases --------------------------------------------------------------------------


def test_emergency_release_before_wednesday_wins_when_its_cutoff_is_open() -> None:
    friday = EmergencyRelease(release=date(2026, 6, 19), cutoff=la(2026, 6, 19, 10, 0))
    window = CALENDAR.next_window_with_emergencies(la(2026, 6, 18, 9, 0), [friday])
    assert window.release == date(2026, 6, 19)
    assert window.cutoff == la(2026, 6, 19, 10, 0)


def test_emergency_release_with_a_passed_cutoff_is_ignored() -> None:
    friday = EmergencyRelease(release=date(2026, 6, 19), cutoff=la(2026, 6, 19, 10, 0))
    window = CALENDAR.next_window_with_emergencies(la(2026, 6, 19, 11, 0), [friday])
    assert window.release == WED_JUNE_24


def test_emergency_releases_are_ignored_by_the_regular_calendar() -> None:
    assert CALENDAR.next_window(la(2026, 6, 18, 9, 0)).release == WED_JUNE_24


def test_emergency_release_on_a_frozen_wednesday_is_honoured() -> None:
    frozen = ReleaseCalendar(skipped=frozenset({WED_JUNE_17}))
    hotfix = EmergencyRelease(release=WED_JUNE_17, cutoff=la(2026, 6, 17, 8, 0))
    assert frozen.next_window_with_emergencies(la(2026, 6, 16, 18, 0), [hotfix]).release == WED_JUNE_17


def test_emergency_cutoff_after_its_release_day_is_rejected() -> None:
    with pytest.raises(ValueError):
        EmergencyRelease(release=date(2026, 6, 19), cutoff=la(2026, 6, 20, 10, 0))


def test_emergency_with_naive_cutoff_is_rejected() -> None:
    with pytest.raises(ValueError):
        EmergencyRelease(release=date(2026, 6, 19), cutoff=datetime(2026, 6, 19, 10, 0))


# --- property test -------------------------------------------------------------------------------

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    given = None

if given is not None:
    # 2020-01-01 is a Wednesday; 600 weeks reach past the end of 2030.
    WEDNESDAYS = [date(2020, 1, 1) + timedelta(weeks=n) for n in range(600)]

    @settings(max_examples=300, deadline=None)
    @given(
        moment=st.datetimes(
            min_value=datetime(2020, 1, 1),
            max_value=datetime(2030, 12, 31, 23, 59, 59),
            timezones=st.sampled_from([UTC, LA, LONDON, ZoneInfo("Asia/Tokyo")]),
        ),
        skipped=st.frozensets(st.sampled_from(WEDNESDAYS), max_size=40),
        tz_name=st.sampled_from(["America/Los_Angeles", "Europe/London"]),
    )
    def test_next_window_is_the_first_open_non_skipped_wednesday(
        moment: datetime, skipped: frozenset[date], tz_name: str
    ) -> None:
        calendar = ReleaseCalendar(tz_name=tz_name, skipped=skipped)
        zone = ZoneInfo(tz_name)
        window = calendar.next_window(moment)
        assert window.release.weekday() == 2
        assert window.release not in skipped
        local_cutoff = window.cutoff.astimezone(zone)
        assert local_cutoff.date() == window.release - timedelta(days=1)
        assert (local_cutoff.hour, local_cutoff.minute, local_cutoff.second) == (17, 0, 0)
        assert window.cutoff >= moment
        assert calendar.time_left(moment) >= timedelta(0)
        earlier = window.release - timedelta(weeks=1)
        while earlier >= moment.astimezone(zone).date() - timedelta(days=7):
            if earlier not in skipped:
                earlier_cutoff = datetime.combine(earlier - timedelta(days=1), time(17, 0), tzinfo=zone)
                assert earlier_cutoff < moment
            earlier -= timedelta(weeks=1)
