"""GitHub's shared objects for the fake GitHub: users, organizations and repositories, with every documented key.

Shapes follow GitHub's payload examples (octokit/webhooks `payload-examples/api.github.com`): the same keys,
nesting and formats (ISO 8601 `Z` times, 40-hex shas, numeric ids).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

API = "https://api.github.com"
WEB = "https://github.com"
JSON = dict[str, Any]
_REPO_LINKS = {
    "forks_url": "forks", "keys_url": "keys{/key_id}", "collaborators_url": "collaborators{/collaborator}",
    "teams_url": "teams", "hooks_url": "hooks", "issue_events_url": "issues/events{/number}", "events_url": "events",
    "assignees_url": "assignees{/user}", "branches_url": "branches{/branch}", "tags_url": "tags",
    "blobs_url": "git/blobs{/sha}", "git_tags_url": "git/tags{/sha}", "git_refs_url": "git/refs{/sha}",
    "trees_url": "git/trees{/sha}", "statuses_url": "statuses/{sha}", "languages_url": "languages",
    "stargazers_url": "stargazers", "contributors_url": "contributors", "subscribers_url": "subscribers",
    "subscription_url": "subscription", "commits_url": "commits{/sha}", "git_commits_url": "git/commits{/sha}",
    "comments_url": "comments{/number}", "issue_comment_url": "issues/comments{/number}",
    "contents_url": "contents/{+path}", "compare_url": "compare/{base}...{head}", "merges_url": "merges",
    "archive_url": "{archive_format}{/ref}", "downloads_url": "downloads", "issues_url": "issues{/number}",
    "pulls_url": "pulls{/number}", "milestones_url": "milestones{/number}",
    "notifications_url": "notifications{?since,all,participating}", "labels_url": "labels{/name}",
    "releases_url": "releases{/id}", "deployments_url": "deployments",
}  # fmt: skip
_REPO_FACTS: JSON = {
    "homepage": None, "size": 91234, "stargazers_count": 210, "watchers_count": 210, "language": "TypeScript",
    "has_issues": True, "has_projects": True, "has_downloads": True, "has_wiki": False, "has_pages": False,
    "has_discussions": False, "forks_count": 280, "mirror_url": None, "archived": False, "disabled": False,
    "open_issues_count": 120, "license": {"key": "mit", "name": "MIT License", "spdx_id": "MIT",
    "url": f"{API}/licenses/mit", "node_id": "MDc6TGljZW5zZTEz"}, "allow_forking": True, "is_template": False,
    "web_commit_signoff_required": False, "topics": [], "visibility": "public", "forks": 280, "open_issues": 120,
    "watchers": 210, "default_branch": "main", "custom_properties": {},
}  # fmt: skip
_USER_LINKS = {
    "followers_url": "followers", "following_url": "following{/other_user}", "gists_url": "gists{/gist_id}",
    "starred_url": "starred{/owner}{/repo}", "subscriptions_url": "subscriptions",
    "organizations_url": "organizations", "repos_url": "repos", "events_url": "events{/privacy}",
    "received_events_url": "received_events",
}  # fmt: skip


def iso(moment: datetime | None) -> str | None:
    """GitHub's time format: UTC, whole seconds, `Z`."""
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def account_id(name: str) -> int:
    """A stable numeric id for a login or a repository name."""
    return int(hashlib.sha256(name.lower().encode()).hexdigest()[:7], 16) + 1000


def sha(*parts: object) -> str:
    """A stable 40-hex commit sha."""
    return hashlib.sha1(":".join(map(str, parts)).encode(), usedforsecurity=False).hexdigest()


def user(login: str, kind: str = "User") -> JSON:
    """A user object (`simple-user`)."""
    number, base = account_id(login), f"{API}/users/{login}"
    return {
        "login": login, "id": number, "node_id": f"MDQ6VXNlcj{number}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{number}?v=4", "gravatar_id": "", "url": base,
        "html_url": f"{WEB}/{login}", **{key: f"{base}/{suffix}" for key, suffix in _USER_LINKS.items()},
        "type": kind, "user_view_type": "public", "site_admin": False,
    }  # fmt: skip


def organization(login: str) -> JSON:
    """An organization object (`organization-simple`)."""
    number, base = account_id(login), f"{API}/orgs/{login}"
    return {
        "login": login, "id": number, "node_id": f"MDEyOk9yZ2FuaXphdGlvbj{number}", "url": base,
        "repos_url": f"{base}/repos", "events_url": f"{base}/events", "hooks_url": f"{base}/hooks",
        "issues_url": f"{base}/issues", "members_url": f"{base}/members{{/member}}",
        "public_members_url": f"{base}/public_members{{/member}}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{number}?v=4", "description": "",
    }  # fmt: skip


def repository(full_name: str, at: datetime) -> JSON:
    """A repository object as deliveries carry it."""
    owner, name = full_name.split("/", 1)
    base = f"{API}/repos/{full_name}"
    return {
        "id": account_id(full_name), "node_id": f"R_kgDO{account_id(full_name)}", "name": name,
        "full_name": full_name, "private": False, "owner": user(owner, "Organization"),
        "html_url": f"{WEB}/{full_name}", "description": "The hub for Segment's Actions destinations",
        "fork": False, "url": base, **{key: f"{base}/{suffix}" for key, suffix in _REPO_LINKS.items()},
        "created_at": "2020-07-15T18:27:17Z", "updated_at": iso(at), "pushed_at": iso(at),
        "git_url": f"git://github.com/{full_name}.git", "ssh_url": f"git@github.com:{full_name}.git",
        "clone_url": f"{WEB}/{full_name}.git", "svn_url": f"{WEB}/{full_name}", **_REPO_FACTS,
    }  # fmt: skip
