"""Two release weeks walked end to end: on each Tuesday one merge a minute before the 17:00 Pacific cutoff and one a
minute after; the staff Home, the partner Home, /devcenter status, /devcenter deploys (staff and partner) and the
release-day card must name the same release day for every integration, before and after the release ships."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.text import buttons
from slackbot.emulator.workspace import Message

PACIFIC = ZoneInfo("America/Los_Angeles")
NAMES = ("Acme Analytics", "Acme Journeys", "Acme Audiences", "Acme Pulse")
DAY = re.compile(r"\b(?:Wednesday|Wed) (\w{3} \d{1,2})\b")
Dates = dict[str, str]


def at(harness: Harness, moment: str) -> None:
    """Move the frozen clock to a Pacific wall-clock moment."""
    harness.clock.now = datetime.fromisoformat(moment).replace(tzinfo=PACIFIC)  # type: ignore[attr-defined]


def _card(harness: Harness, world: DemoWorld, slug: str) -> Message:
    return next(m for m in reversed(harness.emu.messages(world.review_channel)) if f"({slug})" in m.text)


def mark_merged(harness: Harness, world: DemoWorld, slug: str) -> None:
    """Staff press Mark merged on that integration's review card."""
    card = _card(harness, world, slug)
    harness.emu.press(world.staff, next(b for b in buttons(card.blocks) if b.label == "Mark merged"), message=card)


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def staff_dates(text: str) -> Dates:
    """Staff Home and staff deploys: each integration listed under a 'Release of <day>' section."""
    found: Dates = {}
    current = None
    for line in text.splitlines():
        if match := re.search(r"\*Release of Wednesday (\w{3} \d{1,2})\*", line):
            current = match.group(1)
        elif line.startswith(("*", "==")):
            current = None  # the next section of the Home
        elif current and line.startswith("•"):
            found.update({name: current for name in NAMES if f"(`{_slug(name)}`," in line})
    return found


def line_dates(text: str) -> Dates:
    """Partner Home and partner deploys: a release day and the merged integrations named on the same line."""
    found: Dates = {}
    for line in text.splitlines():
        merged = line.split("Approved, for Segment to merge")[0]
        if len(days := set(DAY.findall(merged))) == 1:
            found.update({name: next(iter(days)) for name in NAMES if f"*{name}*" in merged})
    return found


def status_dates(text: str) -> Dates:
    """/devcenter status: the release each integration ships in, or shipped in."""
    found: Dates = {}
    for block in text.split("───"):
        title = re.search(r"\*([^*]+)\* \(`[^`]+`\) — \*", block)  # each integration's first line
        name = title.group(1) if title else None
        release = re.search(r"ships in the Wednesday release on Wed (\w{3} \d{1,2})|Shipped: in the Wednesday "
                            r"(\w{3} \d{1,2}) release", block)  # fmt: skip
        if name and release:
            found[name] = release.group(1) or release.group(2)
    return found


def release_card_dates(harness: Harness, world: DemoWorld) -> Dates:
    """The newest release-day card: its day for every integration it lists."""
    cards = [harness.emu.message_text(m) for m in harness.emu.messages(world.review_channel)]
    text = next(t for t in reversed(cards) if "== Release day:" in t)
    day = DAY.search(text)
    assert day is not None
    return {name: day.group(1) for name in NAMES if f"*{name}*" in text}


def surfaces(harness: Harness, world: DemoWorld) -> dict[str, Dates]:
    """Where every surface says each integration ships."""
    emu = harness.emu
    emu.open_home(world.staff)
    emu.open_home(world.pat)
    return {
        "staff Home": staff_dates(emu.home(world.staff)),
        "staff deploys": staff_dates(emu.slash("/devcenter deploys", as_user=world.staff).text),
        "partner Home": line_dates(emu.home(world.pat).split("  ───")[0]),
        "partner deploys": line_dates(emu.slash("/devcenter deploys", as_user=world.pat).text),
        "status": status_dates(emu.slash("/devcenter status", as_user=world.pat).text),
    }


def assert_agree(harness: Harness, world: DemoWorld, expected: Dates, *, card: bool) -> None:
    """Every surface names the expected day for each integration in play (the card: those of its day)."""
    seen = surfaces(harness, world)
    for surface, dates in seen.items():
        assert {n: d for n, d in dates.items() if n in expected} == expected, surface
    if card:
        day = min(expected.values(), key=lambda d: datetime.strptime(f"2026 {d}", "%Y %b %d"))
        assert release_card_dates(harness, world) == {n: d for n, d in expected.items() if d == day}


def release_week(harness: Harness, world: DemoWorld, tuesday: str, early: str, late: str, expected: Dates) -> None:
    """Tuesday: merge `early` at 16:59 and `late` at 17:01; Wednesday 08:00: the card, then Mark release shipped."""
    wednesday = f"{tuesday[:8]}{int(tuesday[8:]) + 1:02d}"
    at(harness, f"{tuesday} 16:59")
    mark_merged(harness, world, _slug(early))
    at(harness, f"{tuesday} 17:01")
    mark_merged(harness, world, _slug(late))
    assert_agree(harness, world, expected, card=False)

    at(harness, f"{wednesday} 08:00")
    assert harness.run_job("release_day") is True
    assert_agree(harness, world, expected, card=True)
    harness.emu.click("Mark release shipped", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()
    assert_agree(harness, world, expected, card=True)


def test_two_release_weeks_agree_on_every_release_day_before_and_after_shipping(
    harness: Harness, world: DemoWorld
) -> None:
    for number, name in enumerate(NAMES[1:], start=3142):  # Pat submits three more integrations on Monday
        harness.emu.slash("/devcenter submit", as_user=world.pat)
        pr_url = f"https://github.com/segmentio/action-destinations/pull/{number}"
        harness.emu.submit({"name": name, "slug": _slug(name), "kind": "cloud", "pr_url": pr_url}, as_user=world.pat)
    for _ in NAMES:
        harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)

    release_week(
        harness, world, "2026-11-24", "Acme Analytics", "Acme Journeys",
        {"Acme Analytics": "Nov 25", "Acme Journeys": "Dec 2"},
    )  # fmt: skip
    status = harness.emu.slash("/devcenter status", as_user=world.pat).text
    assert "Shipped: in the Wednesday Nov 25 release" in status and "on Wed Dec 2" in status

    release_week(
        harness, world, "2026-12-01", "Acme Audiences", "Acme Pulse",
        {"Acme Journeys": "Dec 2", "Acme Audiences": "Dec 2", "Acme Pulse": "Dec 9"},
    )  # fmt: skip
    assert status_dates(harness.emu.slash("/devcenter status", as_user=world.pat).text) == {
        "Acme Analytics": "Nov 25", "Acme Journeys": "Dec 2", "Acme Audiences": "Dec 2", "Acme Pulse": "Dec 9",
    }  # fmt: skip
