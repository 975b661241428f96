"""Typed GitHub payloads: the fields the bot reads from webhook deliveries and REST responses (msgspec).

Only what is used is declared; every other field GitHub sends is ignored, and a declared field that is
missing or of the wrong type fails decoding with the JSON path of the problem. Shapes follow GitHub's
webhook payload schemas (octokit/webhooks) and the REST API description.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

Aware = Annotated[datetime, msgspec.Meta(tz=True)]
Number = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]
Id = Annotated[int, msgspec.Meta(ge=1, le=2**63 - 1)]
Login = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Url = Annotated[str, msgspec.Meta(min_length=1, max_length=2048)]
Sha = Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{40}$|^[0-9a-f]{64}$")]
Text = Annotated[str, msgspec.Meta(max_length=262_144)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class User(msgspec.Struct, frozen=True):
    """A GitHub account (user, bot or organization)."""

    login: Login


class Repository(msgspec.Struct, frozen=True):
    """The repository a delivery is about."""

    full_name: Name


class Head(msgspec.Struct, frozen=True):
    """The head commit of a pull request."""

    sha: Sha


class PullRequest(msgspec.Struct, frozen=True):
    """A pull request, as both webhooks and `GET /repos/{owner}/{repo}/pulls/{number}` carry it."""

    number: Number
    html_url: Url
    state: Name
    head: Head
    user: User | None
    merged_at: Aware | None
    closed_at: Aware | None
    merged: bool | None = None  # absent from some webhook actions; the REST API always sends it
    merged_by: User | None = None


class Envelope(msgspec.Struct, frozen=True):
    """What every pull request delivery has: enough to pick the repository and the action."""

    action: Name
    repository: Repository


class PullRequestDelivery(msgspec.Struct, frozen=True):
    """A `pull_request` webhook payload."""

    action: Name
    number: Number
    pull_request: PullRequest
    repository: Repository
    sender: User
    after: Sha | None = None  # synchronize: the new head


class Review(msgspec.Struct, frozen=True):
    """A pull request review (webhook state is lower case, REST state upper case)."""

    id: Id
    user: User | None
    body: Text | None
    state: Name
    html_url: Url
    author_association: Name
    submitted_at: Aware | None = None  # pending reviews have none
    commit_id: Sha | None = None


class ReviewDelivery(msgspec.Struct, frozen=True):
    """A `pull_request_review` webhook payload."""

    action: Name
    review: Review
    pull_request: PullRequest
    repository: Repository
    sender: User


class PingDelivery(msgspec.Struct, frozen=True):
    """A `ping` webhook payload."""

    zen: Text
    hook_id: Id


def problem(error: Exception) -> str:
    """A one-line description of a decoding failure (msgspec names the JSON path, never the value)."""
    if isinstance(error, RecursionError):
        return "JSON nested too deeply"
    return (str(error).splitlines() or [type(error).__name__])[0][:200]
