"""GitHub settings from the environment, validated; the secret and the token never appear in a repr."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from slackbot.domain.github import DEFAULT_REPOSITORY, REPOSITORY, parse_staff_logins
from slackbot.github.rest import DEFAULT_API_URL
from slackbot.github.webhooks import DEFAULT_MAX_BYTES

LOGIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38})(?:\[bot\])?$")


class GitHubConfigError(ValueError):
    """A malformed GitHub setting; the message names the variable."""


@dataclass(frozen=True)
class GitHubConfig:
    """GITHUB_WEBHOOK_SECRET, GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_API_URL and DEVCENTER_STAFF_GITHUB."""

    webhook_secret: str | None = field(default=None, repr=False)
    repository: str = DEFAULT_REPOSITORY
    token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    staff_logins: frozenset[str] = frozenset()
    max_bytes: int = DEFAULT_MAX_BYTES

    @property
    def webhooks_enabled(self) -> bool:
        """POST /github/events answers only when a webhook secret is set."""
        return bool(self.webhook_secret)

    @property
    def sync_enabled(self) -> bool:
        """Reconciliation runs only with a token."""
        return bool(self.token)


def load_github_config(env: Mapping[str, str]) -> GitHubConfig:
    """Build GitHubConfig from a mapping such as os.environ; raise GitHubConfigError naming the bad variable."""

    def get(name: str) -> str:
        """The trimmed value of `name` ("" when unset)."""
        return (env.get(name) or "").strip()

    repository = get("GITHUB_REPOSITORY") or DEFAULT_REPOSITORY
    if not REPOSITORY.fullmatch(repository):
        raise GitHubConfigError("GITHUB_REPOSITORY must be owner/name, like segmentio/action-destinations")
    api_url = get("GITHUB_API_URL") or DEFAULT_API_URL
    parts = urlsplit(api_url)
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment:
        raise GitHubConfigError("GITHUB_API_URL must be an http(s) URL, like https://api.github.com")
    secret = get("GITHUB_WEBHOOK_SECRET") or None
    if secret is not None and len(secret) < 16:
        raise GitHubConfigError("GITHUB_WEBHOOK_SECRET must be at least 16 characters")
    staff = parse_staff_logins(get("DEVCENTER_STAFF_GITHUB"))
    if bad := sorted(login for login in staff if not LOGIN.fullmatch(login)):
        raise GitHubConfigError(f"DEVCENTER_STAFF_GITHUB has a malformed GitHub login: {bad[0][:40]!r}")
    return GitHubConfig(
        webhook_secret=secret,
        repository=repository,
        token=get("GITHUB_TOKEN") or None,
        api_url=api_url.rstrip("/"),
        staff_logins=staff,
    )
