"""The console's clock: ISO 8601 as before, and words relative to it that keep scripts valid any day."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from slackbot.emulator.console import run_console

A_MONDAY_MORNING = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)  # 09:00 Pacific; the console's real clock stands still


def clock_after(tmp_path: Path, *lines: str, now: datetime = A_MONDAY_MORNING) -> list[str]:
    """The `it is …` and error lines the console printed for these lines."""
    out = io.StringIO()
    script = io.StringIO("".join(f"{line}\n" for line in lines))
    assert run_console(script, out, database=tmp_path / "console.db", real_clock=lambda: now) == 0
    return [line for line in out.getvalue().splitlines() if line.startswith(("it is", "!", "  (that is"))]


def test_a_weekday_and_time_is_the_next_one_still_ahead(tmp_path: Path) -> None:
    assert clock_after(tmp_path, ":time next wednesday 08:00", ":time tuesday 16:59", ":time wednesday 08:00") == [
        "it is Wed 2026-11-25 08:00 PST",
        "it is Tue 2026-12-01 16:59 PST",
        "it is Wed 2026-12-02 08:00 PST",
    ]


def test_offsets_move_the_clock_forward_from_where_it_is(tmp_path: Path) -> None:
    assert clock_after(tmp_path, ":time +1h", ":time +14d", ":time +1d2h30m", ":time tomorrow 5pm") == [
        "it is Mon 2026-11-23 10:00 PST",
        "it is Mon 2026-12-07 10:00 PST",
        "it is Tue 2026-12-08 12:30 PST",
        "it is Wed 2026-12-09 17:00 PST",
    ]


def test_release_is_the_morning_of_the_release_a_merge_made_now_ships_in(tmp_path: Path) -> None:
    lines = clock_after(tmp_path, ":time release", ":time tuesday 17:01", ":time release")

    assert lines == [
        "it is Wed 2026-11-25 08:00 PST",
        "it is Tue 2026-12-01 17:01 PST",
        "it is Wed 2026-12-09 08:00 PST",
    ]


def test_a_weekday_keeps_its_wall_time_across_the_daylight_saving_change(tmp_path: Path) -> None:
    saturday = datetime(2027, 3, 13, 18, 0, tzinfo=UTC)  # 10:00 PST; clocks go forward on Sunday

    assert clock_after(tmp_path, ":time monday 08:00", now=saturday) == ["it is Mon 2027-03-15 08:00 PDT"]


def test_iso_8601_still_works_and_going_back_says_what_it_means(tmp_path: Path) -> None:
    lines = clock_after(tmp_path, ":time 2026-12-02T08:00", ":time now", ":time")

    assert lines == [
        "it is Wed 2026-12-02 08:00 PST",
        "it is Mon 2026-11-23 09:00 PST",
        "  (that is earlier than the console's clock was: what already happened keeps its times)",
        "it is Mon 2026-11-23 09:00 PST",
    ]


def test_words_it_does_not_understand_are_answered_with_what_it_does(tmp_path: Path) -> None:
    lines = clock_after(tmp_path, ":time someday soon", ":time friday 25:00", ":time t 08:00")

    assert len(lines) == 3
    assert all(line.startswith("! time: an ISO 8601 moment (2026-12-02T08:00), a weekday and time") for line in lines)
