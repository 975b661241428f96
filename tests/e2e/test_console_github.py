"""`:github` in the console: staff change Acme's pull request on the fake GitHub and everybody sees the bot follow."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from slackbot.emulator.console import run_console

A_MONDAY_MORNING = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)  # 09:00 Pacific; the console's real clock stands still


def talk(tmp_path: Path, *lines: str) -> str:
    """Type these lines into a fresh console; everything it printed."""
    out = io.StringIO()
    script = io.StringIO("".join(f"{line}\n" for line in lines))
    assert run_console(script, out, database=tmp_path / "console.db", real_clock=lambda: A_MONDAY_MORNING) == 0
    return out.getvalue()


def test_a_review_and_a_merge_on_github_reach_the_partner_and_the_card(tmp_path: Path) -> None:
    output = talk(
        tmp_path,
        ":as staff",
        ":github review 3141 changes_requested body=Please add unit tests",
        ":github merge 3141 at=tuesday 16:59",
        ":as pat",
        "/devcenter status",
    )

    staff_turn = output.rpartition("you are now @pat.partner")[0]
    assert "github: pull_request_review.submitted → 200 applied to acme-analytics: request_changes" in staff_turn
    assert "github: pull_request.closed → 200 applied to acme-analytics: approve_review, mark_merged" in staff_turn
    assert "── (1) #devcenter-reviews (updated)" in staff_turn and "*Merged:* Tue Nov 24, 4:59 PM PST" in staff_turn
    partner_turn = output.rpartition("you are now @pat.partner")[2]
    assert "github:segment-eng requested changes on *Acme Analytics*" in partner_turn
    assert "ships in the Wednesday Nov 25 release (merged Tue Nov 24, 4:59 PM PST)" in partner_turn
    assert "it ships in the Wednesday release on Wed Nov 25" in partner_turn


def test_a_missed_merge_waits_for_github_sync(tmp_path: Path) -> None:
    output = talk(tmp_path, ":as staff", ":github approve 3141", ":github missed merge 3141", ":github sync")

    assert "github: pull_request.closed: not delivered (the bot was not told)" in output
    assert "github sync: checked 1 pull requests, 2 events, 1 applied" in output
    assert output.rpartition("github sync:")[2].count("is merged and ships in the Wednesday Nov 25 release") == 1


def test_a_github_line_the_console_does_not_understand_shows_the_usage(tmp_path: Path) -> None:
    output = talk(tmp_path, ":github merge", ":github merge 7777")

    assert "! github: open N [author= title=] | review N STATE" in output
    assert "! no pull request #7777 (open it first: :github open 7777)" in output
