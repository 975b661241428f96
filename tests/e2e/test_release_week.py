"""A release week as partners and staff live it: what status, both App Homes, deploys, the cutoff reminder and the
release-day announcements say (frozen clock: Monday 2026-11-23 09:00 Pacific unless a test moves it)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from slackbot.domain.actors import operator
from slackbot.emulator.demo import DemoWorld
from slackbot.emulator.harness import Harness
from slackbot.emulator.text import buttons
from slackbot.emulator.workspace import Message, User
from slackbot.jobs.tasks import BY_ID
from slackbot.services.releases import declare_emergency, set_freeze

PACIFIC = ZoneInfo("America/Los_Angeles")
CLI = operator("cli:sam")  # freezes and emergency releases are declared with `devcenter-bot deploys`
SURVEY = {
    "company": "Casey Co",
    "website": "https://casey.example.com",
    "email": "pat@casey.example.com",
    "data_in": "API",
    "data_out": "Dashboards",
    "use_cases": "BI",
    "heard_from": "Blog",
    "agreement": ["agreed"],
}


def at(harness: Harness, moment: str) -> None:
    """Move the frozen clock to a Pacific wall-clock moment, e.g. '2026-11-24 16:59'."""
    harness.clock.now = datetime.fromisoformat(moment).replace(tzinfo=PACIFIC)  # type: ignore[attr-defined]


def card(harness: Harness, world: DemoWorld, slug: str) -> Message:
    """The newest review card of an integration in the review channel."""
    return next(m for m in reversed(harness.emu.messages(world.review_channel)) if f"({slug})" in m.text)


def press(harness: Harness, world: DemoWorld, slug: str, label: str) -> None:
    """Staff press a button on that integration's card."""
    message = card(harness, world, slug)
    harness.emu.press(world.staff, next(b for b in buttons(message.blocks) if b.label == label), message=message)


def submit(harness: Harness, user: User, name: str, slug: str, number: int) -> None:
    """A partner submits another integration's pull request."""
    harness.emu.slash("/devcenter submit", as_user=user)
    pr_url = f"https://github.com/segmentio/action-destinations/pull/{number}"
    harness.emu.submit({"name": name, "slug": slug, "kind": "cloud", "pr_url": pr_url}, as_user=user)


def home(harness: Harness, user: User) -> str:
    harness.emu.open_home(user)
    return harness.emu.home(user)


def texts(harness: Harness, channel: object) -> list[str]:
    return [harness.emu.message_text(m) for m in harness.emu.messages(channel)]  # type: ignore[arg-type]


def test_on_release_day_both_homes_show_what_shipped_today_and_what_comes_next(
    harness: Harness, world: DemoWorld
) -> None:
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)
    at(harness, "2026-11-24 16:00")
    press(harness, world, "acme-analytics", "Mark merged")
    at(harness, "2026-11-25 08:00")
    harness.run_job("release_day")

    assert "Today's release* (Wednesday Nov 25): *Acme Analytics* ships today" in home(harness, world.pat)
    harness.emu.click("Mark release shipped", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()

    staff = home(harness, world.staff)
    assert "nothing approved and merged for it yet_" not in staff.split("*Release of Wednesday Dec 2*")[0]
    assert "*Release of Wednesday Nov 25* — today" in staff and "Shipped to private beta (1)" in staff
    assert "(`acme-analytics`, Acme Analytics) — shipped Wed Nov 25, 8:00 AM PST" in staff
    partner = home(harness, world.pat)
    assert ":rocket: *Shipped today* in the Wednesday Nov 25 release: *Acme Analytics* is in private beta" in partner
    assert "reach it at https://app.segment.com/goto-my-workspace/destinations/catalog/acme-analytics" in partner
    assert "*Next deploy:* Wednesday Dec 2" in partner and "*Shipped:* in the Wednesday Nov 25 release" in partner


def test_the_launch_rule_and_its_sources_show_only_for_integrations_in_beta(harness: Harness, world: DemoWorld) -> None:
    casey = harness.slack.workspace.add_user("casey.co", "Casey Co", external=True)
    harness.emu.slash("/devcenter join", as_user=casey)
    harness.emu.submit(SURVEY, as_user=casey)

    requested = harness.emu.slash("/devcenter status", as_user=casey).text
    in_review = harness.emu.slash("/devcenter status", as_user=world.pat).text
    harness.emu.click("Decline", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.submit({"note": "Not a fit for the catalog."}, as_user=world.staff)
    declined = harness.emu.slash("/devcenter status", as_user=casey).text
    in_beta = harness.emu.slash("/devcenter status", as_user=world.riley).text

    assert "Access requested" in requested and "Declined" in declined
    for text in (requested, in_review, declined, home(harness, world.pat)):
        assert "Launch rule" not in text and "Sources:" not in text
    assert "*Launch rule:* Program rule" in in_beta and "Sources:" in in_beta
    assert "Launch rule:* Program rule" in home(harness, world.riley)


@pytest.mark.parametrize(
    "harness_settings",
    [{"launch_rule": rule} for rule in ("program-2026", "contributing-1-customer", "docs-2-weeks-2-users")],
    ids=lambda settings: settings["launch_rule"],
)
def test_partners_see_only_public_sources_for_the_launch_rule(harness: Harness, world: DemoWorld) -> None:
    status = harness.emu.slash("/devcenter status", as_user=world.riley).text

    sources = status.split("Sources:", 1)[1]
    links = re.findall(r"\((https?://[^)\s]+)\)", sources)
    assert links, sources
    public = ("https://segment.com/docs/", "https://github.com/segmentio/action-destinations")
    assert all(url.startswith(public) for url in links), links
    titles = re.sub(r"\(https?://[^)\s]+\)", "", sources)
    assert not re.search(r"\.(?:md|txt|ya?ml)\b|seed|src/", titles), titles  # named as pages, not as files


def test_status_shows_the_latest_requested_changes_with_who_and_when(harness: Harness, world: DemoWorld) -> None:
    at(harness, "2026-11-23 10:15")
    harness.emu.click("Request changes", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.submit({"note": "Add tests for <identify> & drop the <!channel> ping"}, as_user=world.staff)

    first = harness.emu.slash("/devcenter status", as_user=world.pat)
    assert "*Changes requested*" in first.text
    assert ":pencil2: *Segment requested changes* (@sam.staff, Mon Nov 23, 10:15 AM PST):" in first.text
    assert ">Add tests for <identify> & drop the <!channel> ping" in first.text  # shown as typed...
    raw = json.dumps(first.messages[-1].blocks)
    assert "&lt;identify&gt; &amp; drop the &lt;!channel&gt; ping" in raw and "<!channel>" not in raw  # ...inert
    assert "Segment requested changes" in home(harness, world.pat)

    submit(harness, world.pat, "Acme Analytics", "acme-analytics", 3141)  # pushed and resubmitted
    assert "Segment requested changes" not in harness.emu.slash("/devcenter status", as_user=world.pat).text
    at(harness, "2026-11-24 11:30")
    harness.emu.click("Request changes", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.submit({"note": "Batch the track calls."}, as_user=world.staff)

    again = harness.emu.slash("/devcenter status", as_user=world.pat).text
    assert "(@sam.staff, Tue Nov 24, 11:30 AM PST):\n>Batch the track calls." in again
    assert "identify" not in again  # only the latest request


def test_the_cutoff_reminder_says_what_the_partner_can_do_and_that_segment_merges(
    harness: Harness, world: DemoWorld
) -> None:
    harness.emu.click("Request replay info", as_user=world.staff, in_channel=world.review_channel)
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)
    at(harness, "2026-11-24 09:00")

    assert harness.run_job("cutoff_reminder") == 1

    reminder = next(t for t in texts(harness, world.acme_channel) if "Merge cutoff today" in t)
    assert "Segment merges approved pull requests" in reminder
    assert "merged by *Tue Nov 24, 5:00 PM PST* ships in the Wednesday Nov 25 release" in reminder
    assert "a later merge ships on Wednesday Dec 2" in reminder
    assert "answer Segment's open request for *replay compatibility info*" in reminder
    assert "push any last review fixes to #3141" in reminder
    assert "blocks the merge" not in reminder and "not merged yet" not in reminder  # nothing to merge on their side


def test_staff_deploys_lists_every_coming_window_with_merged_and_unmerged_work_and_links(
    harness: Harness, world: DemoWorld
) -> None:
    submit(harness, world.riley, "Rocket Launchpad", "rocket-launchpad", 5150)
    harness.emu.click("Approve", as_user=world.staff, in_channel=world.review_channel)  # Rocket Launchpad
    press(harness, world, "acme-analytics", "Approve")
    press(harness, world, "acme-analytics", "Mark merged")
    set_freeze(harness.bot.program, CLI, date(2026, 12, 2), frozen=True, reason="Holiday freeze")
    cutoff = datetime.fromisoformat("2026-11-27T12:00:00-08:00")
    declare_emergency(harness.bot.program, CLI, date(2026, 11, 27), cutoff, "hotfix")

    staff = harness.emu.slash("/devcenter deploys", as_user=world.staff).text

    release, emergency = staff.split("*Release of Friday Nov 27*")
    assert "*Release of Wednesday Nov 25* — merge cutoff Tue Nov 24, 5:00 PM PST" in release
    merged, waiting = release.split(":hourglass_flowing_sand: Approved, not merged yet (1)")
    assert "Approved and merged: ships in it (1)" in merged and "(`acme-analytics`, Acme Analytics)" in merged
    pr = "PR #3141 (https://github.com/segmentio/action-destinations/pull/3141)"
    assert f"merged Mon Nov 23, 9:00 AM PST · {pr}" in merged
    assert "Rocket Launchpad (https://slack.com/archives/C0STAFF001/p" in waiting  # its review card
    assert "(`rocket-launchpad`, Rocket Metrics) — PR #5150" in waiting
    assert emergency.startswith(" (emergency) — merge cutoff Fri Nov 27, 12:00 PM PST")
    assert "No release (freeze): Wednesday Dec 2 (its work ships Wednesday Dec 9)" in staff
    partner = harness.emu.slash("/devcenter deploys", as_user=world.riley).text
    assert "Rocket Launchpad" in partner and "Acme Analytics" not in partner and "slack.com/archives" not in partner


def test_a_private_beta_is_announced_only_to_its_own_partner_and_to_staff(harness: Harness, world: DemoWorld) -> None:
    submit(harness, world.riley, "Rocket Launchpad", "rocket-launchpad", 5150)
    for slug in ("rocket-launchpad", "acme-analytics"):
        press(harness, world, slug, "Approve")
        press(harness, world, slug, "Mark merged")
    at(harness, "2026-11-25 08:00")
    harness.run_job("release_day")

    harness.emu.click("Mark release shipped", as_user=world.staff, in_channel=world.review_channel)
    harness.deliver_all()

    staff = [t for t in texts(harness, world.announce_channel) if "release is out" in t]
    assert staff == [
        ":rocket: The November 25 Developer Center release is out: *Acme Analytics*, *Rocket Launchpad* are now in "
        "private beta."
    ]
    acme, rocket = texts(harness, world.acme_channel), texts(harness, world.rocket_channel)
    assert any("*Acme Analytics* shipped in the Wednesday Nov 25 release" in t for t in acme)
    assert any("*Rocket Launchpad* shipped in the Wednesday Nov 25 release" in t for t in rocket)
    assert not any("Rocket Launchpad" in t for t in acme) and not any("Acme Analytics" in t for t in rocket)


def test_the_announce_preview_warns_before_it_pings_every_channel(harness: Harness, world: DemoWorld) -> None:
    harness.emu.slash("/devcenter announce", as_user=world.staff)
    harness.emu.submit({"message": "Office hours Thursday!", "notify": ["everyone"]}, as_user=world.staff)

    preview = harness.emu.text(harness.emu.modal(world.staff).data["blocks"])
    assert ":warning: *This pings everyone* in each of the 3 channels (@channel)" in preview
    harness.emu.submit({}, as_user=world.staff)
    harness.deliver_all()
    assert [m.text for m in harness.emu.messages(world.rocket_channel)] == ["<!channel> Office hours Thursday!"]

    harness.emu.slash("/devcenter announce", as_user=world.staff)
    harness.emu.submit({"message": "<!channel> New docs are out"}, as_user=world.staff)
    preview = harness.emu.text(harness.emu.modal(world.staff).data["blocks"])
    assert "This pings everyone" not in preview and "it will not ping anyone unless you tick" in preview
    harness.emu.submit({}, as_user=world.staff)
    harness.deliver_all()
    assert harness.emu.messages(world.rocket_channel)[-1].text == "&lt;!channel&gt; New docs are out"


def test_the_sandboxes_jump_to_the_release_morning_a_merge_makes_freezes_and_emergencies_included(
    harness: Harness,
) -> None:
    assert harness.release_morning() == datetime.fromisoformat("2026-11-25T08:00:00-08:00")
    set_freeze(harness.bot.program, CLI, date(2026, 11, 25), frozen=True, reason="Thanksgiving week")
    assert harness.release_morning() == datetime.fromisoformat("2026-12-02T08:00:00-08:00")
    declare_emergency(
        harness.bot.program, CLI, date(2026, 11, 27), datetime.fromisoformat("2026-11-27T12:00:00-08:00"), "hotfix"
    )
    assert harness.release_morning() == datetime.fromisoformat("2026-11-27T08:00:00-08:00")


def test_an_emergency_release_gets_its_release_card_on_its_own_morning(harness: Harness, world: DemoWorld) -> None:
    press(harness, world, "acme-analytics", "Approve")
    press(harness, world, "acme-analytics", "Mark merged")
    cutoff = datetime.fromisoformat("2026-11-27T12:00:00-08:00")
    declare_emergency(harness.bot.program, CLI, date(2026, 11, 27), cutoff, "hotfix")
    trigger = CronTrigger(**BY_ID["release_day"].cron, timezone=harness.settings.timezone)

    fires = trigger.get_next_fire_time(None, datetime.fromisoformat("2026-11-26T09:00:00-08:00"))
    at(harness, "2026-11-27 08:00")
    harness.run_job("release_day")

    assert fires == datetime.fromisoformat("2026-11-27T08:00:00-08:00")
    cards = [
        m for m in harness.emu.messages(world.review_channel) if "Mark release shipped" in harness.emu.message_text(m)
    ]
    assert len(cards) == 1 and "Acme Analytics" in harness.emu.message_text(cards[0])
