"""GitHub-shaped JSON for the fake GitHub: pull requests, reviews and webhook deliveries, every documented key.

Shapes follow GitHub's payload examples (octokit/webhooks `payload-examples/api.github.com`) and the REST API
description, so the bot's parser meets what GitHub really sends, not a convenient subset. The REST API sends the
same pull request object as webhooks, and review states in upper case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from slackbot.emulator.github_objects import API, JSON, WEB, iso, organization, repository, sha, user

_PULL_FACTS: JSON = {
    "locked": False, "assignee": None, "assignees": [], "requested_reviewers": [], "requested_teams": [],
    "labels": [], "milestone": None, "draft": False, "author_association": "CONTRIBUTOR", "auto_merge": None,
    "active_lock_reason": None, "rebaseable": None, "comments": 0, "review_comments": 0,
    "maintainer_can_modify": True, "additions": 412, "deletions": 3, "changed_files": 9,
}  # fmt: skip


# The pull request inside a `pull_request_review` delivery is the short form: no merge or size fields.
_FULL_ONLY = frozenset({
    "additions", "changed_files", "comments", "commits", "deletions", "maintainer_can_modify", "mergeable",
    "mergeable_state", "merged", "merged_by", "rebaseable", "review_comments",
})  # fmt: skip


@dataclass
class FakeReview:
    """A submitted review as the fake keeps it."""

    id: int
    login: str
    state: str  # lower case, as webhooks spell it
    association: str
    body: str
    submitted_at: datetime
    commit_id: str


@dataclass
class FakePull:
    """A pull request as the fake keeps it (mutable: the fake changes it, then describes it)."""

    number: int
    author: str
    title: str
    created_at: datetime
    head_sha: str
    repository: str
    state: str = "open"
    updated_at: datetime | None = None
    closed_at: datetime | None = None
    merged_at: datetime | None = None
    merged_by: str | None = None
    reviews: list[FakeReview] = field(default_factory=list)
    commits: int = 1

    @property
    def url(self) -> str:
        """The web URL partners submit."""
        return f"{WEB}/{self.repository}/pull/{self.number}"


def pull_request(pull: FakePull) -> JSON:
    """A pull request object (webhooks and `GET .../pulls/{number}` carry the same one)."""
    base, web, n = f"{API}/repos/{pull.repository}", pull.url, pull.number
    merged = pull.merged_at is not None
    return {
        "url": f"{base}/pulls/{n}", "id": 2_000_000_000 + n, "node_id": f"PR_kwDOD{n}", "html_url": web,
        "diff_url": f"{web}.diff", "patch_url": f"{web}.patch", "issue_url": f"{base}/issues/{n}", "number": n,
        "state": pull.state, "title": pull.title, "user": user(pull.author),
        "body": f"Adds the {pull.title}.", "created_at": iso(pull.created_at),
        "updated_at": iso(pull.updated_at or pull.created_at), "closed_at": iso(pull.closed_at),
        "merged_at": iso(pull.merged_at), "merge_commit_sha": sha(n, "merge", pull.head_sha),
        "commits_url": f"{base}/pulls/{n}/commits", "review_comments_url": f"{base}/pulls/{n}/comments",
        "review_comment_url": f"{base}/pulls/comments{{/number}}", "comments_url": f"{base}/issues/{n}/comments",
        "statuses_url": f"{base}/statuses/{pull.head_sha}", "head": _ref(pull, "head"), "base": _ref(pull, "base"),
        "_links": _pull_links(pull), **_PULL_FACTS, "merged": merged, "mergeable": None if merged else True,
        "mergeable_state": "unknown" if merged else "clean", "commits": pull.commits,
        "merged_by": user(pull.merged_by) if pull.merged_by else None,
    }  # fmt: skip


def _ref(pull: FakePull, which: str) -> JSON:
    name = pull.repository.split("/")[1]
    owner = pull.author if which == "head" else pull.repository.split("/")[0]
    ref = f"{pull.author}-destination" if which == "head" else "main"
    commit = pull.head_sha if which == "head" else sha(pull.repository, "main", pull.number)
    return {"label": f"{owner}:{ref}", "ref": ref, "sha": commit, "user": user(owner),
            "repo": repository(f"{owner}/{name}", pull.updated_at or pull.created_at)}  # fmt: skip


def _pull_links(pull: FakePull) -> JSON:
    base, n = f"{API}/repos/{pull.repository}", pull.number
    links = {"self": f"{base}/pulls/{n}", "html": pull.url, "issue": f"{base}/issues/{n}",
             "comments": f"{base}/issues/{n}/comments", "review_comments": f"{base}/pulls/{n}/comments",
             "review_comment": f"{base}/pulls/comments{{/number}}", "commits": f"{base}/pulls/{n}/commits",
             "statuses": f"{base}/statuses/{pull.head_sha}"}  # fmt: skip
    return {name: {"href": href} for name, href in links.items()}


def review(pull: FakePull, item: FakeReview, *, rest: bool = False) -> JSON:
    """A review object; the REST API spells the state in upper case."""
    html = f"{pull.url}#pullrequestreview-{item.id}"
    api = f"{API}/repos/{pull.repository}/pulls/{pull.number}"
    return {
        "id": item.id, "node_id": f"PRR_kwDOD{item.id}", "user": user(item.login), "body": item.body,
        "commit_id": item.commit_id, "submitted_at": iso(item.submitted_at),
        "state": item.state.upper() if rest else item.state, "html_url": html, "pull_request_url": api,
        "author_association": item.association, "_links": {"html": {"href": html}, "pull_request": {"href": api}},
    }  # fmt: skip


def envelope(pull: FakePull, action: str, sender: str, at: datetime, **extra: Any) -> JSON:
    """A `pull_request` delivery (`extra`: action-specific keys such as synchronize's before/after)."""
    return {"action": action, "number": pull.number, "pull_request": pull_request(pull), **extra,
            "repository": repository(pull.repository, at), "organization": organization(_owner(pull)),
            "sender": user(sender)}  # fmt: skip


def review_envelope(pull: FakePull, item: FakeReview, at: datetime) -> JSON:
    """A `pull_request_review.submitted` delivery."""
    short = {key: value for key, value in pull_request(pull).items() if key not in _FULL_ONLY}
    return {"action": "submitted", "review": review(pull, item), "pull_request": short,
            "repository": repository(pull.repository, at), "organization": organization(_owner(pull)),
            "sender": user(item.login)}  # fmt: skip


def ping(hook_id: int, full_name: str, url: str, at: datetime) -> JSON:
    """A `ping` delivery, sent when the webhook is created."""
    hooks = f"{API}/repos/{full_name}/hooks/{hook_id}"
    hook = {
        "type": "Repository", "id": hook_id, "name": "web", "active": True,
        "events": ["pull_request", "pull_request_review"],
        "config": {"content_type": "json", "insecure_ssl": "0", "secret": "********", "url": url},
        "updated_at": iso(at), "created_at": iso(at), "url": hooks, "test_url": f"{hooks}/test",
        "ping_url": f"{hooks}/pings", "deliveries_url": f"{hooks}/deliveries",
        "last_response": {"code": None, "status": "unused", "message": None},
    }  # fmt: skip
    return {"zen": "Keep it logically awesome.", "hook_id": hook_id, "hook": hook,
            "repository": repository(full_name, at), "sender": user(full_name.split("/")[0])}  # fmt: skip


def _owner(pull: FakePull) -> str:
    return pull.repository.split("/")[0]
