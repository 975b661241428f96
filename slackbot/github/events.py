"""Typed GitHub payloads to domain events: one mapping for webhook deliveries and REST reads alike."""

from __future__ import annotations

from dataclasses import dataclass

from slackbot.domain.github import (
    CommitsPushed,
    PullRequestClosed,
    PullRequestEvent,
    PullRequestMerged,
    ReviewState,
    ReviewSubmitted,
)
from slackbot.github.payloads import PullRequest, PullRequestDelivery, Review, ReviewDelivery

STATES = {state.value: state for state in ReviewState}


@dataclass(frozen=True)
class Ignored:
    """A well-formed payload that means nothing to the bot, and why."""

    reason: str


class Inconsistent(ValueError):
    """A payload whose fields contradict each other (for example merged without a merge time)."""


def review_event(pull: PullRequest, review: Review) -> ReviewSubmitted | Ignored:
    """The domain event of a submitted review (state in either case: webhooks use lower, REST upper)."""
    state = STATES.get(review.state.lower())
    if state is None:
        return Ignored(f"review state {review.state.lower()[:30]!r} not used")
    return ReviewSubmitted(
        number=pull.number,
        url=pull.html_url,
        review_id=review.id,
        state=state,
        reviewer=review.user.login if review.user else "ghost",
        association=review.author_association.upper(),
        body=review.body or "",
        review_url=review.html_url,
        submitted_at=review.submitted_at,
        commit_id=review.commit_id,
    )


def closed_event(pull: PullRequest, actor: str | None) -> PullRequestMerged | PullRequestClosed:
    """The merge (or the close without merge) of a closed pull request; raises Inconsistent."""
    if pull.merged or pull.merged_at is not None:
        if pull.merged_at is None:
            raise Inconsistent("merged pull request without merged_at")
        merged_by = pull.merged_by.login if pull.merged_by else actor
        return PullRequestMerged(pull.number, pull.html_url, pull.merged_at, merged_by)
    if pull.closed_at is None:
        raise Inconsistent("closed pull request without closed_at")
    return PullRequestClosed(pull.number, pull.html_url, pull.closed_at, actor)


def from_review(payload: ReviewDelivery) -> ReviewSubmitted | Ignored:
    """A `pull_request_review.submitted` delivery as a domain event."""
    return review_event(payload.pull_request, payload.review)


def from_pull_request(payload: PullRequestDelivery) -> PullRequestEvent | Ignored:
    """A `pull_request.closed` or `.synchronize` delivery as a domain event; raises Inconsistent."""
    pull = payload.pull_request
    if payload.action == "closed":
        return closed_event(pull, payload.sender.login)
    if payload.action == "synchronize":
        return CommitsPushed(pull.number, pull.html_url, payload.after or pull.head.sha, payload.sender.login)
    return Ignored(f"action {payload.action[:30]!r} not used")
