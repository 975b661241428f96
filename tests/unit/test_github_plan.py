"""What each GitHub event means at each stage: plan() checked cell by cell against a table written by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from slackbot.domain.github import (
    CLOSED_NOTE,
    DEFAULT_CHANGES_NOTE,
    MAX_NOTE_CHARS,
    MERGE_APPROVAL_NOTE,
    CommitsPushed,
    GitHubEvent,
    Notice,
    Ping,
    PullRequestClosed,
    PullRequestMerged,
    ReviewState,
    ReviewSubmitted,
    Step,
    plan,
)
from slackbot.domain.lifecycle import TRANSITIONS, Action, Role, Stage, decide

S, A = Stage, Action
URL = "https://github.com/segmentio/action-destinations/pull/4242"
REVIEW_URL = URL + "#pullrequestreview-2500000001"
MERGED_AT = datetime(2026, 12, 2, 0, 59, tzinfo=UTC)  # Tuesday 16:59 Pacific
CLOSED_AT = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def review(
    state: ReviewState,
    *,
    association: str = "MEMBER",
    by: str = "segment-eng",
    body: str = "Please add unit tests for the identify action.",
) -> ReviewSubmitted:
    """A review of #4242 in this state, by this reviewer."""
    return ReviewSubmitted(
        4242, URL, 2_500_000_001, state, by, association, body, REVIEW_URL, datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
    )


MERGE = PullRequestMerged(4242, URL, MERGED_AT, "segment-eng")
CLOSE = PullRequestClosed(4242, URL, CLOSED_AT, "acme-dev")
PUSH = CommitsPushed(4242, URL, "e44b5fea872a25337c5457597f2c08a6507339a1", "acme-dev")
CHANGES, APPROVAL = review(ReviewState.CHANGES_REQUESTED), review(ReviewState.APPROVED)

# event -> {stage: the actions it means there, in order}; a stage not listed means nothing.
# "notice" is a message without a stage change. Interpretations fixed here on purpose:
# - a merge in review or with changes requested approves first (GitHub is the truth for merges);
# - closing an unmerged pull request in review (or approved) sends it back to changes requested, so a resubmission
#   is possible.
EXPECTED: dict[str, tuple[GitHubEvent, dict[Stage, tuple[Action | str, ...]]]] = {
    "changes requested": (CHANGES, {S.IN_REVIEW: (A.REQUEST_CHANGES,)}),
    "approval": (APPROVAL, {S.IN_REVIEW: (A.APPROVE_REVIEW,)}),
    "comment": (review(ReviewState.COMMENTED), {}),
    "dismissal": (review(ReviewState.DISMISSED), {}),
    "merge": (
        MERGE,
        {
            S.IN_REVIEW: (A.APPROVE_REVIEW, A.MARK_MERGED),
            S.CHANGES_REQUESTED: (A.APPROVE_REVIEW, A.MARK_MERGED),
            S.APPROVED: (A.MARK_MERGED,),
        },
    ),
    "close": (
        CLOSE,
        {S.IN_REVIEW: (A.REQUEST_CHANGES,), S.CHANGES_REQUESTED: ("notice",), S.APPROVED: (A.REQUEST_CHANGES,)},
    ),
    "push": (PUSH, {S.CHANGES_REQUESTED: ("notice",)}),
    "ping": (Ping(4_242_001, "Keep it logically awesome."), {}),
}
CELLS = [(name, stage) for name in EXPECTED for stage in Stage]


def kinds(steps: tuple[Step, ...]) -> tuple[Action | str, ...]:
    """Each step's action, or 'notice'."""
    return tuple(step.action or "notice" for step in steps)


@pytest.mark.parametrize(("name", "stage"), CELLS, ids=[f"{n}@{s.value}" for n, s in CELLS])
def test_each_event_means_the_expected_steps_at_each_stage(name: str, stage: Stage) -> None:
    event, by_stage = EXPECTED[name]
    assert kinds(plan(event, stage)) == by_stage.get(stage, ())


@pytest.mark.parametrize(("name", "stage"), CELLS, ids=[f"{n}@{s.value}" for n, s in CELLS])
def test_every_planned_step_is_legal_for_staff_unless_marked_as_an_override(name: str, stage: Stage) -> None:
    current = stage
    for step in plan(EXPECTED[name][0], stage):
        assert step.source is current
        if step.action is None:
            assert step.target is None and step.notice is not None
            continue
        if step.override:
            assert current not in TRANSITIONS[step.action].sources
        else:
            assert decide(current, step.action, Role.STAFF) is (step.target or current)
        current = step.target or current


def test_a_merge_while_changes_are_requested_is_audited_as_an_approval_by_merge_then_a_merge() -> None:
    approve, merge = plan(MERGE, S.CHANGES_REQUESTED)
    assert (approve.source, approve.target, approve.override, approve.note) == (
        S.CHANGES_REQUESTED,
        S.APPROVED,
        True,
        MERGE_APPROVAL_NOTE,
    )
    assert (merge.source, merge.target, merge.at) == (S.APPROVED, None, MERGED_AT)


def test_a_merge_carries_githubs_merge_time_not_the_delivery_time() -> None:
    assert [step.at for step in plan(MERGE, S.APPROVED)] == [MERGED_AT]


def test_a_merge_already_recorded_means_nothing() -> None:
    assert plan(MERGE, S.APPROVED, merged=True) == ()
    assert plan(CLOSE, S.APPROVED, merged=True) == ()


def test_changes_requested_carry_the_review_body_as_the_reason_and_link_the_review() -> None:
    (step,) = plan(CHANGES, S.IN_REVIEW)
    assert step.note == "Please add unit tests for the identify action." and step.link == REVIEW_URL


def test_changes_requested_without_a_comment_get_a_reason_all_the_same() -> None:
    (step,) = plan(review(ReviewState.CHANGES_REQUESTED, body="  "), S.IN_REVIEW)
    assert step.note == DEFAULT_CHANGES_NOTE


def test_a_huge_review_body_is_clipped_to_what_a_slack_message_can_hold() -> None:
    (step,) = plan(review(ReviewState.CHANGES_REQUESTED, body="word " * 10_000), S.IN_REVIEW)
    assert len(step.note) == MAX_NOTE_CHARS and step.note.endswith("…")


@pytest.mark.parametrize("association", ["CONTRIBUTOR", "COLLABORATOR", "NONE", "FIRST_TIMER", "SOMETHING_NEW"])
def test_a_review_by_someone_outside_segment_means_nothing(association: str) -> None:
    assert plan(review(ReviewState.APPROVED, association=association, by="acme-dev"), S.IN_REVIEW) == ()


def test_a_listed_staff_login_counts_as_a_segment_reviewer_whatever_its_association() -> None:
    outside = review(ReviewState.APPROVED, association="CONTRIBUTOR", by="Sam-Reviewer")
    assert kinds(plan(outside, S.IN_REVIEW, staff_logins=frozenset({"sam-reviewer"}))) == (A.APPROVE_REVIEW,)


def test_closing_in_review_sends_it_back_with_the_closed_notice_instead_of_the_usual_message() -> None:
    (step,) = plan(CLOSE, S.IN_REVIEW)
    assert (step.target, step.notice, step.note) == (S.CHANGES_REQUESTED, Notice.CLOSED_UNMERGED, CLOSED_NOTE)


def test_new_commits_while_changes_are_requested_become_a_note_in_the_card_thread() -> None:
    (step,) = plan(PUSH, S.CHANGES_REQUESTED)
    assert step.notice is Notice.COMMITS_PUSHED and "e44b5fe" in step.note and step.link == URL
