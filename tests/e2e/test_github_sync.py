"""GitHub moves the lifecycle by itself: signed webhooks from the fake GitHub reach the bot over HTTP, and the
partner and staff see each review, merge and close in Slack as if someone had clicked the card's buttons."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from slackbot.emulator.demo import ACME_PULL, DemoWorld, build_world
from slackbot.emulator.github import FakeGitHub
from slackbot.emulator.harness import Harness
from slackbot.emulator.workspace import User

PACIFIC = ZoneInfo("America/Los_Angeles")
CHANGES = "Please add unit tests for the identify action."


@pytest.fixture
def world(harness: Harness, gh: FakeGitHub) -> DemoWorld:
    """The demo: Acme Analytics in review with pull request #3141 open on the fake GitHub; Monday 09:00 Pacific."""
    return build_world(harness)


def pacific(day: int, hour: int, minute: int) -> datetime:
    """A moment of November 2026 on the program's clock."""
    return datetime(2026, 11, day, hour, minute, tzinfo=PACIFIC)


def dm_text(harness: Harness, user: User) -> str:
    """Everything the bot told `user` by DM."""
    return "\n".join(harness.emu.message_text(m) for m in harness.emu.dms(user))


def card_text(harness: Harness, world: DemoWorld) -> str:
    """The Acme review card in the staff channel, as it reads now."""
    cards = [m for m in harness.emu.messages(world.review_channel) if m.thread_ts is None]
    return harness.emu.message_text(next(m for m in reversed(cards) if "Acme Analytics (acme-analytics)" in m.text))


def card_buttons(harness: Harness, world: DemoWorld) -> list[str]:
    """The labels of the Acme card's buttons."""
    cards = [m for m in harness.emu.messages(world.review_channel) if m.thread_ts is None]
    card = next(m for m in reversed(cards) if "Acme Analytics (acme-analytics)" in m.text)
    return [b["text"]["text"] for block in card.blocks if block["type"] == "actions" for b in block["elements"]]


def thread_text(harness: Harness, world: DemoWorld) -> str:
    """The replies in the staff channel's threads."""
    return "\n".join(harness.emu.message_text(m) for m in harness.emu.messages(world.review_channel) if m.thread_ts)


def status(harness: Harness, world: DemoWorld) -> str:
    """/devcenter status, as Acme's partner sees it."""
    return harness.emu.slash("/devcenter status", as_user=world.pat).text


def history(harness: Harness, world: DemoWorld) -> str:
    """/devcenter history acme-analytics, as staff see it."""
    return harness.emu.slash("/devcenter history acme-analytics", as_user=world.staff).text


def test_a_changes_requested_review_by_segment_sends_acme_back_with_the_reviews_words(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    delivery = gh.review(ACME_PULL, "changes_requested", by="segment-eng", body=CHANGES)

    assert delivery.status == 200
    told = dm_text(harness, world.pat)
    assert "github:segment-eng requested changes on *Acme Analytics*" in told and CHANGES in told
    assert f"https://github.com/segmentio/action-destinations/pull/{ACME_PULL}#pullrequestreview-" in told
    assert "Changes requested" in status(harness, world)
    assert "*Stage:* Changes requested" in card_text(harness, world)
    assert "github:segment-eng requested changes" in card_text(harness, world)
    assert "Approve" not in card_buttons(harness, world)
    assert "github:segment-eng · request changes (In review → Changes requested)" in history(harness, world)


def test_a_review_by_someone_outside_segment_changes_nothing(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    delivery = gh.review(ACME_PULL, "approved", by="acme-dev", association="CONTRIBUTOR", body="LGTM!")

    assert delivery.status == 202 and delivery.json()["message"].startswith("ignored: nothing to do")
    assert "In review" in status(harness, world)
    assert dm_text(harness, world.pat) == ""
    assert "github:" not in history(harness, world)


def test_an_approval_tells_the_partner_which_release_it_makes_if_merged_by_the_cutoff(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    gh.review(ACME_PULL, "approved", by="segment-eng")

    assert (
        "passed review! If it is merged by *Tue Nov 24, 5:00 PM PST*, it ships in the Wednesday Nov 25 release"
        in dm_text(harness, world.pat)
    )
    assert "*Stage:* Approved" in card_text(harness, world)
    assert card_buttons(harness, world) == ["Request OAuth", "Mark merged"]
    assert "github:segment-eng · approve review (In review → Approved)" in history(harness, world)


def test_a_merge_at_1659_pacific_on_tuesday_makes_that_weeks_release_even_when_delivered_after_the_cutoff(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    gh.review(ACME_PULL, "approved", by="segment-eng")
    harness.clock.now = pacific(24, 17, 20)  # the delivery arrives twenty minutes after the cutoff

    gh.merge(ACME_PULL, at=pacific(24, 16, 59), by="segment-eng")

    told = dm_text(harness, world.pat)
    assert "is merged and ships in the Wednesday Nov 25 release (merged Tue Nov 24, 4:59 PM PST)" in told
    assert "it ships in the Wednesday release on Wed Nov 25" in status(harness, world)
    assert "*Merged:* Tue Nov 24, 4:59 PM PST" in card_text(harness, world)
    assert "*Ships:* Wednesday Nov 25" in card_text(harness, world)
    assert "Mark merged" not in card_buttons(harness, world)
    harness.clock.now = pacific(25, 8, 0)
    harness.run_job("release_day")
    release_card = harness.emu.message_text(harness.emu.messages(world.review_channel)[-1])
    assert "Acme Analytics" in release_card and "Mark release shipped" in release_card


def test_a_merge_at_1701_pacific_misses_that_weeks_release_and_ships_the_next_wednesday(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    gh.review(ACME_PULL, "approved", by="segment-eng")
    harness.clock.now = pacific(24, 17, 2)

    gh.merge(ACME_PULL, at=pacific(24, 17, 1), by="segment-eng")

    told = dm_text(harness, world.pat)
    assert "is merged and ships in the Wednesday Dec 2 release (merged Tue Nov 24, 5:01 PM PST)" in told
    assert "it ships in the Wednesday release on Wed Dec 2" in status(harness, world)
    assert "*Ships:* Wednesday Dec 2" in card_text(harness, world)
    harness.clock.now = pacific(25, 8, 0)
    harness.run_job("release_day")
    release_card = harness.emu.message_text(harness.emu.messages(world.review_channel)[-1])
    assert "Acme Analytics" not in release_card


def test_a_merge_while_changes_are_requested_counts_as_approved_and_merged_and_is_audited_so(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    gh.review(ACME_PULL, "changes_requested", by="segment-eng", body=CHANGES)

    gh.merge(ACME_PULL, by="segment-lead")

    trail = history(harness, world)
    assert "github:segment-lead · approve review (Changes requested → Approved)" in trail
    assert "Approved by merge on GitHub." in trail and "github:segment-lead · mark merged" in trail
    told = dm_text(harness, world.pat)
    assert "is merged and ships in the Wednesday Nov 25 release" in told
    assert "passed review" not in told  # told once, about the merge
    assert "*Stage:* Approved" in card_text(harness, world) and "*Merged:*" in card_text(harness, world)
    assert "github:segment-lead approved the review" in card_text(harness, world)


def test_a_pull_request_closed_without_merge_is_told_to_both_sides_and_waits_for_a_resubmission(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    gh.close(ACME_PULL, by="acme-dev")

    told = dm_text(harness, world.pat)
    assert "was closed without merging by github:acme-dev" in told and "then resubmit with `/devcenter submit`" in told
    assert "was closed without merging by github:acme-dev" in thread_text(harness, world)
    assert "It waits for the partner to resubmit." in thread_text(harness, world)
    assert "*Stage:* Changes requested" in card_text(harness, world)
    assert "github:acme-dev closed the pull request without merging" in card_text(harness, world)
    assert "Changes requested" in status(harness, world)
    harness.emu.slash("/devcenter submit", as_user=world.pat)
    harness.emu.submit(
        {
            "name": "Acme Analytics",
            "slug": "acme-analytics",
            "kind": "cloud",
            "pr_url": f"https://github.com/segmentio/action-destinations/pull/{ACME_PULL}",
        },
        as_user=world.pat,
    )
    assert "In review" in status(harness, world)


def test_new_commits_while_changes_are_requested_leave_a_note_in_the_cards_thread(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    gh.push(ACME_PULL, by="acme-dev")  # still in review: nothing to say
    assert "New commits pushed" not in thread_text(harness, world)
    gh.review(ACME_PULL, "changes_requested", by="segment-eng", body=CHANGES)

    gh.push(ACME_PULL, by="acme-dev")

    note = thread_text(harness, world)
    assert "New commits pushed to the pull request of *Acme Analytics*" in note and "by github:acme-dev" in note
    assert "github:acme-dev · commits pushed" in history(harness, world)
    assert "Changes requested" in status(harness, world)  # a push is not a resubmission


def test_a_resubmission_with_another_pull_request_moves_the_link_to_it(
    harness: Harness, gh: FakeGitHub, world: DemoWorld
) -> None:
    gh.review(ACME_PULL, "changes_requested", by="segment-eng", body=CHANGES)
    replacement = gh.open(4242, author="acme-dev", title="Acme Analytics destination, take two")
    harness.clock.advance(hours=1)
    harness.emu.slash("/devcenter submit", as_user=world.pat)
    harness.emu.submit(
        {
            "name": "Acme Analytics",
            "slug": "acme-analytics",
            "kind": "cloud",
            "pr_url": "https://github.com/segmentio/action-destinations/pull/4242/",
        },
        as_user=world.pat,
    )

    old = gh.merge(ACME_PULL, by="segment-eng")
    new = gh.review(replacement, "approved", by="segment-eng")

    assert old.status == 202 and old.json()["message"] == f"ignored: pull request #{ACME_PULL} is not tracked"
    assert new.status == 200
    assert "Approved" in status(harness, world) and "#4242" in status(harness, world)
