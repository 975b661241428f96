"""Release plans in words: a long list stays one section within Slack's limit, counting what it leaves out."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from slackbot.domain.views.releases import ReleaseItem, ReleasePlan
from slackbot.render.releases_plans import MAX_LIST_CHARS, plan_parts

PACIFIC = ZoneInfo("America/Los_Angeles")
WED = date(2026, 11, 25)
MERGED = datetime(2026, 11, 24, 16, 59, tzinfo=PACIFIC)


def _item(n: int) -> ReleaseItem:
    return ReleaseItem(
        f"dest-{n}", f"Destination {n} " + "Interstellar " * 7, "Partner " + "Enterprises " * 16, MERGED, WED,
        f"https://github.com/segmentio/action-destinations/pull/{4000 + n}",
        f"https://slack.com/archives/C0STAFF001/p17725180010000{n:02d}",
    )  # fmt: skip


def test_a_release_with_many_long_names_fits_each_list_in_one_section_and_counts_the_rest() -> None:
    plan = ReleasePlan(WED, MERGED.replace(minute=0, hour=17), ships=tuple(_item(n) for n in range(12)))

    title, ships = plan_parts(plan, WED, "America/Los_Angeles")

    assert title.startswith("*Release of Wednesday Nov 25* — merge cutoff Tue Nov 24, 5:00 PM PST")
    assert len(ships) <= MAX_LIST_CHARS < 3000 and ships.startswith(":package: Approved and merged: ships in it (12)")
    shown = ships.count("\n• ")
    assert 0 < shown < 12 and ships.endswith(f"…and {12 - shown} more")
    assert ships.count("<https://") == 2 * shown and ships.count("|") == 2 * shown  # every link whole


def test_an_empty_release_says_so_under_its_title() -> None:
    (only,) = plan_parts(ReleasePlan(WED, None, today=True), date(2026, 12, 2), "America/Los_Angeles")

    assert only == "*Release of Wednesday Nov 25* — today\n_nothing approved and merged for it yet_"
