"""Every console script of the README, walked today and a month from now: no error, no contradiction."""

from __future__ import annotations

import io
import re
import shlex
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from slackbot.app import system_clock
from slackbot.emulator.console import run_console

README = Path(__file__).parents[2] / "README.md"
SHIFTS = {"today": timedelta(), "a month later": timedelta(days=30)}
ACTIVITY = re.compile(r"· (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\w{3} \d{1,2}, \d{1,2}:\d{2} [AP]M)")
RELEASE_NAMES = (
    re.compile(r"ships in the Wednesday (\w{3} \d{1,2}) release"),
    re.compile(r"== Release day: Wednesday (\w{3} \d{1,2}) =="),
    re.compile(r"The (\w+ \d{1,2}) Developer Center release is out"),
)
STALE_NEXT_STEP = "Next: Segment merges your pull request"
# what each script is for, told by one of its lines: (line, who speaks last, what they must have been shown)
PURPOSES = (
    ("/devcenter join", "you are now @casey.stranger", "is approved for the Developer Center"),
    (":click Mark release shipped", "you are now @pat.partner", "*Private beta*"),
    (":reply", "you are now @pat.partner", "from the Developer Center team answered"),
    (":github merge", "you are now @pat.partner", "is merged and ships in the Wednesday"),
)


def console_scripts() -> list[list[str]]:
    """The lines of every ```sh block of the README's console subsection that pipes into `make run`."""
    section = README.read_text().split("### The console sandbox\n", 1)[1]
    section = re.split(r"\n#{2,3} ", section, maxsplit=1)[0]
    scripts = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL):
        if "| make run" in block:
            words = shlex.split(block.replace("\\\n", " "))
            assert words[:2] == ["printf", "%s\\n"], block
            scripts.append(words[2 : words.index("|")])
    return scripts


def _has(lines: list[str], start: str) -> bool:
    return any(line == start or line.startswith(f"{start} ") for line in lines)


def walk(lines: list[str], tmp_path: Path, clock: Callable[[], datetime]) -> tuple[int, str]:
    """Run the lines through a fresh console whose real clock is `clock`; its exit code and output."""
    out = io.StringIO()
    script = io.StringIO("".join(f"{line}\n" for line in lines))
    code = run_console(script, out, database=tmp_path / "console.db", real_clock=clock)
    return code, out.getvalue()


def messages(output: str) -> list[str]:
    """The printed messages, each with its heading, in order."""
    return [f"── {part}" for part in output.split("\n── ")[1:]]


def contradictions(output: str, year: int) -> list[str]:
    """What the walk says that an earlier part of it makes untrue (the stale next step is reported apart)."""
    found: list[str] = []
    merged = shipped = False
    releases: set[tuple[int, int]] = set()
    for message in messages(output):
        merged = merged or "marked it merged" in message
        shipped = shipped or "Shipped by @" in message
        if "— status ==" in message and shipped and ("ships in" in message or "*Approved*" in message):
            found.append(f"status after shipping still waits for the release:\n{message}")
        still_coming = [line for line in message.splitlines() if "Acme Analytics" in line and "Shipped" not in line]
        if "== Next release:" in message and shipped and still_coming:
            found.append(f"deploys after shipping still lists Acme Analytics for a coming release:\n{message}")
        releases |= {_month_day(day) for pattern in RELEASE_NAMES for day in pattern.findall(message)}
        found += _out_of_order(message, year)
    if len(releases) > 1:
        found.append(f"one script, several release days: {sorted(releases)}")
    return found


def _month_day(text: str) -> tuple[int, int]:
    """("Dec 9" or "December 9") -> (12, 9)."""
    month, day = text.split()
    moment = datetime.strptime(f"2000 {month[:3]} {day}", "%Y %b %d")  # a leap year: Feb 29 parses
    return moment.month, moment.day


def _out_of_order(message: str, year: int) -> list[str]:
    """A card whose activity lines go back in time."""
    moments = []
    for stamp in ACTIVITY.findall(message):
        moment = datetime.strptime(f"{year} {stamp}", "%Y %b %d, %I:%M %p")
        while moments and moment < moments[-1] - timedelta(days=180):  # December, then January
            moment = moment.replace(year=moment.year + 1)
        moments.append(moment)
    return [f"activity out of order:\n{message}"] if moments != sorted(moments) else []


@pytest.mark.parametrize("shift", SHIFTS.values(), ids=SHIFTS.keys())
@pytest.mark.parametrize("lines", console_scripts(), ids=lambda lines: " ".join(lines)[:40])
def test_every_console_script_of_the_readme_runs_without_error_or_contradiction(
    lines: list[str], shift: timedelta, tmp_path: Path
) -> None:
    code, output = walk(lines, tmp_path, lambda: system_clock() + shift)

    assert code == 0
    assert [line for line in output.splitlines() if line.startswith("!")] == []
    assert contradictions(output, (system_clock() + shift).year) == []
    purposes = [(speaker, shown) for line, speaker, shown in PURPOSES if _has(lines, line)]
    assert purposes, f"a README script with no known purpose: {lines}"
    for speaker, shown in purposes:
        assert shown in output.rpartition(speaker)[2]


def test_the_readme_scripts_cover_an_access_request_a_release_week_a_staff_answer_and_github() -> None:
    scripts = console_scripts()

    assert [any(_has(script, line) for script in scripts) for line, _, _ in PURPOSES] == [True] * 4
    assert not any(re.search(r":time \d{4}-\d{2}-\d{2}", " ".join(script)) for script in scripts)


def test_after_mark_merged_the_partners_status_no_longer_says_segment_merges_it(tmp_path: Path) -> None:
    [release_week] = [script for script in console_scripts() if ":click Mark merged" in script]

    _, output = walk(release_week, tmp_path, system_clock)

    after_merge = output.split("marked it merged", 1)[1]
    assert [m for m in messages(after_merge) if "— status ==" in m and STALE_NEXT_STEP in m] == []
