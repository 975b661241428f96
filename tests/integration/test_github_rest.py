"""GitHubRest against the fake GitHub's REST API on 127.0.0.1: what it reads, and how it fails (once, clearly)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from slackbot.domain.github import CommitsPushed, PullRequestClosed, PullRequestMerged, ReviewState, ReviewSubmitted
from slackbot.emulator.github import FakeGitHub, ManualClock
from slackbot.github.rest import GitHubRefused, GitHubRest, GitHubUnavailable
from slackbot.github.sync import TrackedPull, sync_pulls

TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a"
OPENED = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    """Monday 2026-11-30 09:00 Pacific, until a test moves it."""
    return ManualClock(OPENED)


@pytest.fixture
def gh(clock: ManualClock) -> Iterator[FakeGitHub]:
    """The fake GitHub with #4242 open; no webhook URL, so every change is a missed delivery."""
    fake = FakeGitHub(clock, token=TOKEN).start()  # no webhook URL: nothing is delivered, everything is "missed"
    fake.open(4242, author="acme-dev")
    yield fake
    fake.stop()


@pytest.fixture
def client(gh: FakeGitHub) -> GitHubRest:
    """A client on the fake's REST API."""
    return GitHubRest(TOKEN, api_url=gh.api_url, timeout=5)


def test_an_open_pull_request_is_read_with_its_head(gh: FakeGitHub, client: GitHubRest) -> None:
    pull = client.pull(4242)
    assert (pull.number, pull.state, pull.merged, pull.head.sha) == (4242, "open", False, gh.pull(4242).head_sha)
    assert pull.html_url == "https://github.com/segmentio/action-destinations/pull/4242"


def test_reviews_arrive_in_lower_case_states_whatever_the_rest_api_spells(
    gh: FakeGitHub, client: GitHubRest, clock: ManualClock
) -> None:
    clock.advance(hours=1)
    gh.review(4242, "changes_requested", by="segment-eng", body="Add tests")
    (event,) = client.missed_events(4242)
    assert isinstance(event, ReviewSubmitted) and event.state is ReviewState.CHANGES_REQUESTED
    assert (event.reviewer, event.association, event.body, event.submitted_at) == (
        "segment-eng",
        "MEMBER",
        "Add tests",
        OPENED + timedelta(hours=1),
    )


def test_every_page_of_reviews_is_read(gh: FakeGitHub, client: GitHubRest, clock: ManualClock) -> None:
    for _ in range(130):
        clock.advance(minutes=1)
        gh.review(4242, "commented", by="acme-dev", association="CONTRIBUTOR")
    assert len(client.reviews(4242)) == 130
    assert [r.path.split("?")[1] for r in gh.rest.requests] == ["per_page=100", "per_page=100&page=2"]


def test_a_missed_merge_is_reported_with_githubs_merge_time(gh: FakeGitHub, client: GitHubRest) -> None:
    merged_at = datetime(2026, 12, 2, 0, 59, tzinfo=UTC)
    gh.merge(4242, at=merged_at, by="segment-lead")
    assert client.missed_events(4242) == (PullRequestMerged(4242, gh.pull(4242).url, merged_at, "segment-lead"),)


def test_a_missed_close_without_merge_is_reported(gh: FakeGitHub, client: GitHubRest) -> None:
    gh.close(4242)
    (event,) = client.missed_events(4242)
    assert isinstance(event, PullRequestClosed) and event.closed_at == OPENED


def test_reviews_before_the_last_submission_are_not_replayed(
    gh: FakeGitHub, client: GitHubRest, clock: ManualClock
) -> None:
    clock.advance(hours=1)
    gh.review(4242, "changes_requested", body="Old round")
    resubmitted = clock.advance(hours=1)
    clock.advance(hours=1)
    gh.review(4242, "approved")
    states = [e.state for e in client.missed_events(4242, since=resubmitted) if isinstance(e, ReviewSubmitted)]
    assert states == [ReviewState.APPROVED]


def test_commits_pushed_after_changes_were_requested_are_reported_once_per_head(
    gh: FakeGitHub, client: GitHubRest
) -> None:
    gh.review(4242, "changes_requested", body="Rename the action")
    assert not any(isinstance(e, CommitsPushed) for e in client.missed_events(4242))
    gh.push(4242)
    pushed = [e for e in client.missed_events(4242) if isinstance(e, CommitsPushed)]
    assert [e.head_sha for e in pushed] == [gh.pull(4242).head_sha]


def test_an_unknown_pull_request_is_refused_with_one_line(client: GitHubRest) -> None:
    with pytest.raises(GitHubRefused, match=r"^GET /repos/segmentio/action-destinations/pulls/9999: .* 404$"):
        client.pull(9999)


def test_a_bad_token_is_refused_and_the_message_never_shows_a_token(gh: FakeGitHub) -> None:
    with pytest.raises(GitHubRefused, match="401 \\(check GITHUB_TOKEN\\)") as refused:
        GitHubRest("ghp_wrong_token_value", api_url=gh.api_url).pull(4242)
    assert "ghp_wrong_token_value" not in str(refused.value) and TOKEN not in str(refused.value)


@pytest.mark.parametrize(("status", "retry_after", "rate_limited"), [
    (500, None, False), (502, None, False), (503, None, False), (429, 60, False), (403, 60, False), (403, None, True),
], ids=["500", "502", "503", "429", "secondary-limit", "primary-limit"])  # fmt: skip
def test_rate_limits_and_server_errors_raise_unavailable_after_one_request(
    gh: FakeGitHub, client: GitHubRest, status: int, retry_after: int | None, rate_limited: bool
) -> None:
    gh.fail(status, times=5, retry_after=retry_after, rate_limited=rate_limited)
    with pytest.raises(GitHubUnavailable, match=f"answered {status}, try again later") as unavailable:
        client.pull(4242)
    assert unavailable.value.retry_after == retry_after and len(gh.rest.requests) == 1


def test_a_plain_403_is_a_refusal_not_a_rate_limit(gh: FakeGitHub, client: GitHubRest) -> None:
    gh.fail(403)
    with pytest.raises(GitHubRefused):
        client.pull(4242)


def test_a_closed_port_is_unavailable_not_a_traceback() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(GitHubUnavailable, match=r"^GET /repos/"):
        GitHubRest(TOKEN, api_url=f"http://127.0.0.1:{port}", timeout=2).pull(4242)


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts the connection in the backlog, never answers
        with pytest.raises(GitHubUnavailable, match=r"no answer within 0\.3 s|timed out"):
            GitHubRest(TOKEN, api_url=f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=0.3).pull(4242)


def test_a_sync_run_stops_at_the_first_unavailable_answer(gh: FakeGitHub, client: GitHubRest) -> None:
    gh.open(4243)
    gh.fail(503, times=10)
    report = sync_pulls(client, [TrackedPull(4242), TrackedPull(4243)], lambda event: True)
    assert (report.checked, report.stopped is not None, len(gh.rest.requests)) == (0, True, 1)


def test_a_sync_run_skips_a_refused_pull_request_and_goes_on(gh: FakeGitHub, client: GitHubRest) -> None:
    gh.merge(4242)
    report = sync_pulls(client, [TrackedPull(9999), TrackedPull(4242)], lambda event: True)
    assert (report.checked, report.applied, len(report.refused)) == (1, 1, 1)
    assert report.line == "checked 1 pull requests, 1 events, 1 applied, 1 refused"
