"""The GitHub use cases on SQLite and PostgreSQL: which integration an event is about, who counts as a Segment
reviewer, and concurrent deliveries of one fact applied exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from threading import Barrier, Thread

import pytest

from slackbot.config import GitHubConfig, Settings
from slackbot.domain.actors import Actor
from slackbot.domain.errors import Conflict
from slackbot.domain.github import PullRequestMerged, ReviewState, ReviewSubmitted
from slackbot.domain.lifecycle import Action, Stage
from slackbot.emulator.harness import FrozenClock
from slackbot.program import Program
from slackbot.services import github
from slackbot.services.cards import decide_on_card
from slackbot.services.demo import seed_demo
from storage.models.github import GitHubDelivery
from storage.uow import UowFactory

PR = "https://github.com/segmentio/action-destinations/pull/3141"
MERGED_AT = datetime(2026, 11, 24, 0, 59, tzinfo=UTC)  # Monday 16:59 Pacific
STAFF = Actor("U0STAFF001", is_staff=True, partner_id=None)


def _program(uow: UowFactory, clock: FrozenClock, staff_logins: frozenset[str] = frozenset()) -> Program:
    settings = Settings(review_channel="C0STAFF001", github=GitHubConfig(staff_logins=staff_logins))
    program = Program(uow=uow, clock=clock, settings=settings)
    seed_demo(program, acme_channel="C0ACME0001", acme_users="U0MEMBER01", rocket_channel="C0ROCKET01",
              rocket_users="U0RILEY001")  # fmt: skip
    return program


def _acme(program: Program) -> tuple[Stage, datetime | None, str | None]:
    with program.uow() as uow:
        acme = uow.integrations.by_slug("acme-analytics")
        assert acme is not None
        return acme.stage, acme.merged_at, acme.pr_url


def _set_pr_url(program: Program, url: str) -> None:
    with program.uow() as uow:
        acme = uow.integrations.by_slug("acme-analytics")
        assert acme is not None
        acme.pr_url = url
        uow.commit()


def _review(
    state: ReviewState, by: str, association: str, at: datetime, review_id: int = 2_500_000_001
) -> ReviewSubmitted:
    return ReviewSubmitted(3141, PR, review_id, state, by, association, "", f"{PR}#pullrequestreview-{review_id}", at)


@pytest.mark.parametrize(
    "stored",
    [
        f"{PR}/",
        f"{PR}/files",
        f"{PR}/commits/0123456789abcdef0123456789abcdef01234567",
        "http://github.com/segmentio/action-destinations/pull/3141",
        "https://www.github.com/SegmentIO/Action-Destinations/pull/3141#discussion_r1",
    ],
)
def test_an_event_finds_its_integration_whatever_spelling_of_the_pr_url_was_stored(
    uow: UowFactory, clock: FrozenClock, stored: str
) -> None:
    program = _program(uow, clock)
    _set_pr_url(program, stored)

    outcome = github.apply(program, PullRequestMerged(3141, PR, MERGED_AT, "segment-eng"))

    assert outcome.applied and _acme(program)[:2] == (Stage.APPROVED, MERGED_AT)


@pytest.mark.parametrize(
    "stored",
    [
        "https://github.com/segmentio/action-destinations/pull/31415",
        "https://github.com/segmentio/analytics-next/pull/3141",
        "https://github.com/segmentio/action-destinations/issues/3141",
    ],
)
def test_a_similar_looking_url_is_not_the_same_pull_request(uow: UowFactory, clock: FrozenClock, stored: str) -> None:
    program = _program(uow, clock)
    _set_pr_url(program, stored)

    outcome = github.apply(program, PullRequestMerged(3141, PR, MERGED_AT, "segment-eng"))

    assert outcome == github.Outcome(False, "ignored: pull request #3141 is not tracked")
    assert _acme(program)[:2] == (Stage.IN_REVIEW, None)


def test_a_login_listed_as_staff_counts_as_a_segment_reviewer_whatever_its_association(
    uow: UowFactory, clock: FrozenClock
) -> None:
    program = _program(uow, clock, staff_logins=frozenset({"sam-reviewer"}))

    outsider = github.apply(program, _review(ReviewState.APPROVED, "acme-dev", "CONTRIBUTOR", clock.now, 1))
    listed = github.apply(program, _review(ReviewState.APPROVED, "Sam-Reviewer", "CONTRIBUTOR", clock.now, 2))

    assert (outsider.applied, listed.applied) == (False, True)
    assert _acme(program)[0] is Stage.APPROVED


def test_a_review_older_than_the_latest_submission_is_not_applied(uow: UowFactory, clock: FrozenClock) -> None:
    program = _program(uow, clock)  # Acme was submitted a day ago

    outcome = github.apply(
        program, _review(ReviewState.APPROVED, "segment-eng", "MEMBER", clock.now - timedelta(days=2))
    )

    assert outcome.message == "ignored: the review is older than the latest submission"
    assert _acme(program)[0] is Stage.IN_REVIEW


def test_concurrent_deliveries_of_one_merge_apply_it_exactly_once(uow: UowFactory, clock: FrozenClock) -> None:
    program = _program(uow, clock)
    merge = PullRequestMerged(3141, PR, MERGED_AT, "segment-eng")
    start, outcomes = Barrier(4), []

    def deliver(delivery_id: str) -> None:
        start.wait()
        outcomes.append(github.apply(program, merge, delivery_id=delivery_id, source="pull_request.closed"))

    threads = [Thread(target=deliver, args=(f"delivery-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(o.applied for o in outcomes) == [False, False, False, True]
    with program.uow() as work:
        rows = work.session.query(GitHubDelivery).all()
        merged = [e for e in work.audit.for_key("acme-analytics") if e.action == "mark_merged"]
    assert len(rows) == 4 and sum(row.effect_key is not None for row in rows) == 1
    assert len(merged) == 1


def test_a_staff_click_and_a_github_approval_at_the_same_moment_approve_once(
    uow: UowFactory, clock: FrozenClock
) -> None:
    program = _program(uow, clock)
    with program.uow() as work:
        acme_id = work.integrations.by_slug("acme-analytics").id  # type: ignore[union-attr]
    start, results = Barrier(2), []

    def click() -> None:
        start.wait()
        try:
            decide_on_card(program, STAFF, Action.APPROVE_REVIEW, acme_id, Stage.IN_REVIEW)
            results.append("click")
        except Conflict as refused:
            results.append(f"click refused: {refused.user_message}")

    def review() -> None:
        start.wait()
        outcome = github.apply(program, _review(ReviewState.APPROVED, "segment-eng", "MEMBER", clock.now))
        results.append("github" if outcome.applied else f"github: {outcome.message}")

    threads = [Thread(target=click), Thread(target=review)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    with program.uow() as work:
        approvals = [e for e in work.audit.for_key("acme-analytics") if e.action == "approve_review"]
        told = work.outbox.with_prefix("approve_review:") + work.outbox.with_prefix("github:")
    assert len(approvals) == 1 and _acme(program)[0] is Stage.APPROVED
    assert sorted(r.split(":")[0].split(" ")[0] for r in results) == ["click", "github"]
    assert ("click" in results) != ("github" in results)  # exactly one of them did it
    assert len({row.channel for row in told}) == len(told) == 2  # the partner's channel and DM, once
