"""Payloads of reviews: what the partner is told at each step, and what staff see in the card's thread (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from slackbot.domain.messages.base import MessageKind, Payload


@dataclass(frozen=True)
class SubmissionAck(Payload):
    """Submission acknowledgement with the review due date."""

    kind = MessageKind.SUBMISSION_ACK
    partner_name: str
    name: str
    slug: str
    pr_url: str
    review_due_at: datetime
    timezone: str


@dataclass(frozen=True)
class ChangesRequested(Payload):
    """Staff requested changes, with their reason."""

    kind = MessageKind.CHANGES_REQUESTED
    partner_name: str
    name: str
    slug: str
    actor: str
    note: str
    link: str | None = None  # the review on GitHub, when the request came from there


@dataclass(frozen=True)
class ReplayInfoRequest(Payload):
    """Staff ask for replay compatibility info; the partner answers with the Answer button."""

    kind = MessageKind.REPLAY_INFO_REQUEST
    partner_name: str
    name: str
    slug: str
    request_id: int


@dataclass(frozen=True)
class OAuthRequest(Payload):
    """Staff (or the launch rule, at its customer count) ask for Enable with Segment / OAuth."""

    kind = MessageKind.OAUTH_REQUEST
    partner_name: str
    name: str
    slug: str
    request_id: int
    customers: int | None = None


@dataclass(frozen=True)
class ReviewApproved(Payload):
    """Review approved, with the Wednesday release it makes if merged by the cutoff."""

    kind = MessageKind.REVIEW_APPROVED
    partner_name: str
    name: str
    slug: str
    release: date
    cutoff: datetime
    timezone: str


@dataclass(frozen=True)
class Merged(Payload):
    """Merged: which release it ships in."""

    kind = MessageKind.MERGED
    partner_name: str
    name: str
    slug: str
    release: date
    merged_at: datetime | None = None
    timezone: str | None = None


def request_key(request_id: int) -> str:
    """The dedupe key (before its :channel / :dm:<user> suffix) of the message that asks for a staff request."""
    return f"staff_request:{request_id}"


@dataclass(frozen=True)
class RequestAnswered(Payload):
    """A staff request message once answered (it edits that message: the Answer button is gone)."""

    kind = MessageKind.REQUEST_ANSWERED
    edits_parent = True
    name: str
    slug: str
    request: str
    actor: str
    at: datetime
    timezone: str


@dataclass(frozen=True)
class RequestAnswer(Payload):
    """In the staff card's thread: the partner's answer to a staff request."""

    kind = MessageKind.REQUEST_ANSWER
    name: str
    slug: str
    request: str
    answer: str
    actor: str


@dataclass(frozen=True)
class ReviewOverdue(Payload):
    """To staff: a review passed its due date."""

    kind = MessageKind.REVIEW_OVERDUE
    partner_name: str
    name: str
    slug: str
    due: datetime
    timezone: str
    link: str | None
