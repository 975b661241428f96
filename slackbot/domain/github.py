"""GitHub pull request facts the bot acts on, and what each means for the lifecycle (stdlib only).

Webhook deliveries and REST reconciliation both produce these events; `effect_key` names the GitHub fact
itself (a review id, a merge time, a head commit), so a redelivery under a new delivery id, or the same fact
read again from the REST API, is recognised and applied once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from slackbot.domain.lifecycle import Action, Stage

DEFAULT_REPOSITORY = "segmentio/action-destinations"
SEGMENT_ASSOCIATIONS = frozenset({"MEMBER", "OWNER"})
MAX_NOTE_CHARS = 2000  # a review body becomes a Slack reason; section text stops at 3000
REPOSITORY = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
CLOSED_NOTE = "The pull request was closed without merging. Reopen it or open a new one, then resubmit."
MERGE_APPROVAL_NOTE = "Approved by merge on GitHub."
DEFAULT_CHANGES_NOTE = "Changes were requested on GitHub (the review has no comment)."


class ReviewState(StrEnum):
    """The state of a submitted review, as webhooks spell it (the REST API uses upper case)."""

    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    COMMENTED = "commented"
    DISMISSED = "dismissed"


class Notice(StrEnum):
    """Something people are told that is not a lifecycle action's usual message."""

    CLOSED_UNMERGED = "closed_unmerged"
    COMMITS_PUSHED = "commits_pushed"


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("GitHub times must be timezone-aware")
    return moment.astimezone(UTC).isoformat()


@dataclass(frozen=True)
class ReviewSubmitted:
    """A review was submitted on a pull request."""

    number: int
    url: str
    review_id: int
    state: ReviewState
    reviewer: str
    association: str
    body: str
    review_url: str
    submitted_at: datetime | None
    commit_id: str | None = None

    @property
    def effect_key(self) -> str:
        """The same for every delivery of this review."""
        return f"github:review:{self.review_id}"

    @property
    def actor(self) -> str:
        """Who did it, as the audit trail names GitHub users."""
        return github_actor(self.reviewer)


@dataclass(frozen=True)
class PullRequestMerged:
    """A pull request was merged; `merged_at` is GitHub's merge time, not the delivery time."""

    number: int
    url: str
    merged_at: datetime
    merged_by: str | None

    def __post_init__(self) -> None:
        _utc(self.merged_at)

    @property
    def effect_key(self) -> str:
        """The same for every delivery (and every REST read) of this merge."""
        return f"github:merged:{self.number}:{_utc(self.merged_at)}"

    @property
    def actor(self) -> str:
        """Who merged it (`github:unknown` when GitHub does not say)."""
        return github_actor(self.merged_by)


@dataclass(frozen=True)
class PullRequestClosed:
    """A pull request was closed without being merged."""

    number: int
    url: str
    closed_at: datetime
    closed_by: str | None

    def __post_init__(self) -> None:
        _utc(self.closed_at)

    @property
    def effect_key(self) -> str:
        """The same for every delivery of this close (a later reopen and close is a new fact)."""
        return f"github:closed:{self.number}:{_utc(self.closed_at)}"

    @property
    def actor(self) -> str:
        """Who closed it."""
        return github_actor(self.closed_by)


@dataclass(frozen=True)
class CommitsPushed:
    """New commits were pushed to a pull request; `head_sha` is its new head."""

    number: int
    url: str
    head_sha: str
    pushed_by: str | None

    @property
    def effect_key(self) -> str:
        """The same for every delivery naming this head commit."""
        return f"github:push:{self.number}:{self.head_sha}"

    @property
    def actor(self) -> str:
        """Who pushed."""
        return github_actor(self.pushed_by)


@dataclass(frozen=True)
class Ping:
    """GitHub checking that the webhook is reachable (sent when a hook is created)."""

    hook_id: int
    zen: str

    @property
    def effect_key(self) -> str:
        """The same for every ping of this hook."""
        return f"github:ping:{self.hook_id}"

    @property
    def actor(self) -> str:
        """GitHub itself."""
        return github_actor(None)


PullRequestEvent = ReviewSubmitted | PullRequestMerged | PullRequestClosed | CommitsPushed
GitHubEvent = PullRequestEvent | Ping


@dataclass(frozen=True)
class Step:
    """One thing an event means: a lifecycle action from `source` to `target` (None: no stage change), or a notice.

    A step with `override` set is not in the lifecycle table: GitHub is the truth for merges, so a merge while
    changes are requested approves the review anyway; apply it as a conditional update from `source`.
    """

    action: Action | None
    source: Stage
    target: Stage | None = None
    note: str = ""
    link: str = ""
    at: datetime | None = None
    notice: Notice | None = None
    override: bool = False


_REVIEW_MOVES = {
    ReviewState.CHANGES_REQUESTED: (Action.REQUEST_CHANGES, Stage.CHANGES_REQUESTED),
    ReviewState.APPROVED: (Action.APPROVE_REVIEW, Stage.APPROVED),
}


def github_actor(login: str | None) -> str:
    """The audit actor for a GitHub user: `github:<login>`."""
    return f"github:{login or 'unknown'}"


def pr_url(number: int, repository: str = DEFAULT_REPOSITORY) -> str:
    """The web URL of pull request `number`."""
    return f"https://github.com/{repository}/pull/{number}"


def pr_number(url: str, repository: str = DEFAULT_REPOSITORY) -> int | None:
    """The pull request number of a PR URL on `repository` (any spelling `canonical_pr_url` takes), or None."""
    match = re.fullmatch(
        rf"(?:https?://)?(?:www\.)?github\.com/{re.escape(repository)}/pull/([1-9][0-9]{{0,9}})"
        r"(?:/(?:files|commits|checks)(?:/[0-9a-f]{7,64})?)?/?(?:[?#][^\s]*)?",
        url.strip(),
        flags=re.IGNORECASE,
    )
    return int(match.group(1)) if match else None


def canonical_pr_url(url: str, repository: str = DEFAULT_REPOSITORY) -> str | None:
    """The one spelling of a pull request URL (https, no /files, /commits, trailing slash, query or anchor)."""
    number = pr_number(url, repository)
    return None if number is None else pr_url(number, repository)


def parse_staff_logins(value: str) -> frozenset[str]:
    """Comma-separated GitHub logins (DEVCENTER_STAFF_GITHUB), compared case-insensitively."""
    return frozenset(login.strip().lstrip("@").lower() for login in value.split(",") if login.strip())


def is_segment_reviewer(association: str, login: str, staff_logins: frozenset[str] = frozenset()) -> bool:
    """A Segment reviewer: a MEMBER or OWNER of the repository, or a login listed as staff."""
    return association.upper() in SEGMENT_ASSOCIATIONS or login.lower() in {s.lower() for s in staff_logins}


def plan(
    event: GitHubEvent, stage: Stage, *, merged: bool = False, staff_logins: frozenset[str] = frozenset()
) -> tuple[Step, ...]:
    """The lifecycle steps `event` means for an integration at `stage` (merged: its merge is already recorded)."""
    if isinstance(event, ReviewSubmitted):
        return _plan_review(event, stage, staff_logins)
    if isinstance(event, PullRequestMerged):
        return () if merged else _plan_merge(event, stage)
    if isinstance(event, PullRequestClosed):
        return () if merged else _plan_close(event, stage)
    if isinstance(event, CommitsPushed) and stage is Stage.CHANGES_REQUESTED:
        note = f"New commits pushed to the pull request (head {event.head_sha[:7]})."
        return (Step(None, stage, note=note, link=event.url, notice=Notice.COMMITS_PUSHED),)
    return ()


def _plan_review(event: ReviewSubmitted, stage: Stage, staff_logins: frozenset[str]) -> tuple[Step, ...]:
    move = _REVIEW_MOVES.get(event.state)
    if move is None or stage is not Stage.IN_REVIEW:
        return ()
    if not is_segment_reviewer(event.association, event.reviewer, staff_logins):
        return ()
    note = _clip(event.body)
    if event.state is ReviewState.CHANGES_REQUESTED:
        note = note or DEFAULT_CHANGES_NOTE
    return (Step(move[0], stage, move[1], note=note, link=event.review_url, at=event.submitted_at),)


def _plan_merge(event: PullRequestMerged, stage: Stage) -> tuple[Step, ...]:
    merge = Step(Action.MARK_MERGED, Stage.APPROVED, note="Merged on GitHub.", link=event.url, at=event.merged_at)
    if stage is Stage.APPROVED:
        return (merge,)
    if stage in (Stage.IN_REVIEW, Stage.CHANGES_REQUESTED):
        approve = Step(
            Action.APPROVE_REVIEW,
            stage,
            Stage.APPROVED,
            note=MERGE_APPROVAL_NOTE,
            link=event.url,
            at=event.merged_at,
            override=stage is Stage.CHANGES_REQUESTED,
        )
        return (approve, merge)
    return ()


def _plan_close(event: PullRequestClosed, stage: Stage) -> tuple[Step, ...]:
    if stage in (Stage.IN_REVIEW, Stage.APPROVED):  # back to where a resubmission is possible
        return (
            Step(
                Action.REQUEST_CHANGES,
                stage,
                Stage.CHANGES_REQUESTED,
                note=CLOSED_NOTE,
                link=event.url,
                at=event.closed_at,
                notice=Notice.CLOSED_UNMERGED,
                override=stage is Stage.APPROVED,  # approved but never merged: not a reviewer's move
            ),
        )
    if stage is Stage.CHANGES_REQUESTED:
        return (Step(None, stage, note=CLOSED_NOTE, link=event.url, at=event.closed_at, notice=Notice.CLOSED_UNMERGED),)
    return ()


def _clip(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_NOTE_CHARS else text[: MAX_NOTE_CHARS - 1].rstrip() + "…"
