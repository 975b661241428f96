"""GitHub facts as domain values: effect keys, actors, PR URLs and who counts as a Segment reviewer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from slackbot.domain.github import (
    CommitsPushed,
    PullRequestClosed,
    PullRequestMerged,
    ReviewState,
    ReviewSubmitted,
    canonical_pr_url,
    is_segment_reviewer,
    parse_staff_logins,
    pr_number,
    pr_url,
)

URL = "https://github.com/segmentio/action-destinations/pull/4242"
AT = datetime(2026, 12, 2, 0, 59, tzinfo=UTC)


def test_the_same_merge_has_the_same_effect_key_whatever_timezone_it_is_read_in() -> None:
    pacific = AT.astimezone(timezone(timedelta(hours=-8)))
    assert PullRequestMerged(4242, URL, AT, "a").effect_key == PullRequestMerged(4242, URL, pacific, None).effect_key


def test_a_merge_at_another_time_or_of_another_pull_request_is_another_effect() -> None:
    keys = {PullRequestMerged(n, URL, at, None).effect_key for n in (4242, 4243) for at in (AT, AT + timedelta(1))}
    assert len(keys) == 4


def test_a_review_is_known_by_its_id_not_by_its_text() -> None:
    def review(body: str) -> ReviewSubmitted:
        """A review of #4242 with this body."""
        return ReviewSubmitted(4242, URL, 77, ReviewState.APPROVED, "segment-eng", "MEMBER", body, URL, AT)

    assert review("LGTM").effect_key == review("Looks good").effect_key == "github:review:77"


def test_a_push_is_known_by_its_head_commit_and_a_close_by_its_time() -> None:
    assert CommitsPushed(4242, URL, "abc", None).effect_key != CommitsPushed(4242, URL, "def", None).effect_key
    closes = {PullRequestClosed(4242, URL, at, None).effect_key for at in (AT, AT, AT + timedelta(1))}
    assert len(closes) == 2


def test_github_users_are_audited_as_github_logins() -> None:
    assert PullRequestMerged(4242, URL, AT, "segment-eng").actor == "github:segment-eng"
    assert PullRequestMerged(4242, URL, AT, None).actor == "github:unknown"


def test_a_merge_time_without_a_timezone_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        PullRequestMerged(4242, URL, datetime(2026, 12, 1, 16, 59), None)


@pytest.mark.parametrize(("url", "number"), [
    (URL, 4242), (URL + "/", 4242), ("https://github.com/SegmentIO/Action-Destinations/pull/7", 7),
    ("https://github.com/segmentio/action-destinations/pull/0", None),
    ("https://github.com/segmentio/analytics.js/pull/4242", None),
    ("https://github.com/segmentio/action-destinations/issues/4242", None),
    ("https://github.com.evil.example/segmentio/action-destinations/pull/4242", None),
])  # fmt: skip
def test_a_tracked_pr_url_gives_its_number_only_on_the_configured_repository(url: str, number: int | None) -> None:
    assert pr_number(url) == number


def test_a_pr_url_round_trips_through_its_number() -> None:
    assert pr_number(pr_url(4242, "acme/fork"), "acme/fork") == 4242


@pytest.mark.parametrize(("association", "login", "expected"), [
    ("MEMBER", "anyone", True), ("OWNER", "anyone", True), ("member", "anyone", True),
    ("CONTRIBUTOR", "anyone", False), ("COLLABORATOR", "anyone", False), ("", "anyone", False),
    ("CONTRIBUTOR", "Sam-Reviewer", True), ("NONE", "sam-reviewer", True),
])  # fmt: skip
def test_segment_reviewers_are_members_owners_or_listed_staff(association: str, login: str, expected: bool) -> None:
    assert is_segment_reviewer(association, login, frozenset({"sam-reviewer"})) is expected


def test_staff_logins_are_read_from_a_comma_separated_list() -> None:
    assert parse_staff_logins(" Sam-Reviewer, @riley ,,") == frozenset({"sam-reviewer", "riley"})


@pytest.mark.parametrize(("url", "canonical"), [
    (URL + "/files", URL), (URL + "/commits", URL), (URL + "/commits/e44b5fea872a25337c5457597f2c08a6507339a1", URL),
    (URL + "/", URL), ("http://github.com/segmentio/action-destinations/pull/4242", URL),
    ("https://www.github.com/segmentio/action-destinations/pull/4242#issuecomment-1", URL),
    ("github.com/segmentio/action-destinations/pull/4242?diff=split", URL),
    ("https://github.com/segmentio/action-destinations/pull/42421", URL.replace("4242", "42421")),
    ("https://github.com/segmentio/action-destinations/pull/4242/files/extra/path", None),
    ("https://github.com/segmentio/action-destinations/pull/4242 and more", None),
    ("https://github.com/segmentio/action-destinations-fork/pull/4242", None),
])  # fmt: skip
def test_every_spelling_of_a_pr_url_has_one_canonical_form(url: str, canonical: str | None) -> None:
    assert canonical_pr_url(url) == canonical
