"""A small GitHub REST client: the state of one pull request and its reviews, as domain events.

Requests and answers follow GitHub's protocol through gidgethub's sans-I/O helpers (headers, error and
rate-limit classification, pagination links); the transport is urllib with a timeout. There are no retries:
a rate limit, a 5xx or a network failure raises GitHubUnavailable at once, so a scheduled run logs one line
and the next run tries again. Error messages name the request and the status, never the token.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

import msgspec
from gidgethub import BadRequest, GitHubBroken, HTTPException, RateLimitExceeded
from gidgethub.sansio import accept_format, create_headers, decipher_response, format_url

from slackbot.domain.github import DEFAULT_REPOSITORY, CommitsPushed, PullRequestEvent, ReviewState, ReviewSubmitted
from slackbot.domain.github_sync import DEFAULT_API_URL
from slackbot.github.events import Inconsistent, closed_event, review_event
from slackbot.github.payloads import PullRequest, Review, problem

API_VERSION = "2022-11-28"
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
RETRYABLE_STATUSES = frozenset({408, 429})
T = TypeVar("T")


class GitHubApiError(Exception):
    """A GitHub REST request that did not give a usable answer; the message is one line."""

    retryable = False


class GitHubUnavailable(GitHubApiError):
    """Rate limited, a 5xx, a timeout or a network failure: try again on the next scheduled run."""

    retryable = True

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class GitHubRefused(GitHubApiError):
    """GitHub refused the request (bad token, no access, no such pull request) or answered nonsense."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        """Refuse every redirect: never carry the token to another URL."""
        return None


class GitHubRest:
    """Reads pull requests of one repository from GITHUB_API_URL with GITHUB_TOKEN."""

    def __init__(
        self,
        token: str | None,
        *,
        repository: str = DEFAULT_REPOSITORY,
        api_url: str = DEFAULT_API_URL,
        timeout: float = 10.0,
        requester: str = "devcenter-bot",
        max_pages: int = 10,
    ) -> None:
        self.repository, self.api_url, self.timeout, self.max_pages = (
            repository,
            api_url.rstrip("/"),
            timeout,
            max_pages,
        )
        self._headers = {
            **create_headers(requester, accept=accept_format(), oauth_token=token),
            "x-github-api-version": API_VERSION,
        }
        self._opener = urllib.request.build_opener(_NoRedirects)

    def pull(self, number: int) -> PullRequest:
        """GET /repos/{owner}/{repo}/pulls/{number}."""
        data, _ = self._get("/repos/{owner}/{repo}/pulls/{number}", number)
        return _typed(data, PullRequest, f"pull request #{number}")

    def reviews(self, number: int) -> tuple[Review, ...]:
        """GET /repos/{owner}/{repo}/pulls/{number}/reviews, every page, oldest first."""
        found: list[Review] = []
        data, next_url = self._get("/repos/{owner}/{repo}/pulls/{number}/reviews{?per_page}", number)
        for _ in range(self.max_pages):
            found += _typed(data, list[Review], f"reviews of #{number}")
            if next_url is None:
                return tuple(found)
            data, next_url = self._get(next_url, number)
        raise GitHubRefused(f"reviews of #{number}: more than {self.max_pages} pages")

    def missed_events(self, number: int, *, since: datetime | None = None) -> tuple[PullRequestEvent, ...]:
        """What the webhooks would have said: reviews after `since`, new commits after changes were requested,
        then the merge or close. Effect keys match the webhooks', so applying both changes nothing twice."""
        pull, reviews = self.pull(number), self.reviews(number)
        events: list[PullRequestEvent] = []
        for review in reviews:
            event = review_event(pull, review)
            if (
                isinstance(event, ReviewSubmitted)
                and event.submitted_at is not None
                and (since is None or event.submitted_at > since)
            ):
                events.append(event)
        if (pushed := _pushed_after_changes(pull, reviews)) is not None:
            events.append(pushed)
        if pull.state == "closed":
            try:
                events.append(closed_event(pull, None))
            except Inconsistent as error:
                raise GitHubRefused(f"pull request #{number}: {error}") from None
        return tuple(events)

    def _get(self, path: str, number: int) -> tuple[Any, str | None]:
        url = (
            path
            if path.startswith(self.api_url + "/")
            else format_url(
                path,
                {
                    "owner": self.repository.split("/")[0],
                    "repo": self.repository.split("/")[-1],
                    "number": number,
                    "per_page": 100,
                },
                base_url=self.api_url,
            )
        )
        label = f"GET {url.removeprefix(self.api_url)}"
        status, headers, body = self._send(url, label)
        try:
            data, _, next_url = decipher_response(status, headers, body)
        except HTTPException as error:
            raise _classified(error, label) from None
        except (ValueError, RecursionError):
            raise GitHubRefused(f"{label}: answered {status} with a body that is not JSON") from None
        if next_url is not None and not next_url.startswith(self.api_url + "/"):
            raise GitHubRefused(f"{label}: next page outside GITHUB_API_URL")
        return data, next_url

    def _send(self, url: str, label: str) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(url, headers=self._headers, method="GET")
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                return answer.status, _lower(answer.headers), answer.read(MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as error:
            with error:
                return error.code, _lower(error.headers), error.read(MAX_RESPONSE_BYTES)
        except TimeoutError:
            raise GitHubUnavailable(f"{label}: no answer within {self.timeout:g} s") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            reason = getattr(error, "reason", None) or type(error).__name__
            raise GitHubUnavailable(f"{label}: {str(reason)[:120]}") from None


def _pushed_after_changes(pull: PullRequest, reviews: tuple[Review, ...]) -> CommitsPushed | None:
    asked = [r for r in reviews if r.state.lower() == ReviewState.CHANGES_REQUESTED and r.submitted_at is not None]
    if pull.state != "open" or not asked or asked[-1].commit_id in (None, pull.head.sha):
        return None
    return CommitsPushed(pull.number, pull.html_url, pull.head.sha, None)


def _classified(error: HTTPException, label: str) -> GitHubApiError:
    status = int(error.status_code)
    retry_after = _retry_after(error.headers)
    line = f"{label}: GitHub answered {status}"
    if (
        isinstance(error, GitHubBroken | RateLimitExceeded)
        or status in RETRYABLE_STATUSES
        or (status == 403 and retry_after is not None)
    ):  # secondary rate limits come as 403 or 429
        return GitHubUnavailable(f"{line}, try again later", retry_after)
    if isinstance(error, BadRequest) and status == 401:
        return GitHubRefused(f"{line} (check GITHUB_TOKEN)")
    return GitHubRefused(line)


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = headers.get("retry-after") or ""
    return float(value) if value.isdigit() else None


def _typed(data: object, kind: type[T], what: str) -> T:
    try:
        return msgspec.convert(data, kind)
    except msgspec.ValidationError as error:
        raise GitHubRefused(f"{what}: unexpected answer ({problem(error)})") from None


def _lower(headers: Any) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in headers.items()}
