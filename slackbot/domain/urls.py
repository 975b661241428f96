"""Web addresses people type into forms, in one normal form (stdlib only).

`normalize_website` and `normalize_pr_url` accept what people paste (no scheme, capitals, a trailing slash, a pull
request's Files tab, a comment anchor) and return one canonical URL, or raise ValueError whose message says exactly
what is wrong, to show on the form. Every form that takes one of these URLs uses them (access survey, submission,
catalog metadata), and so does anything that matches a pull request to an integration.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit, urlunsplit

PR_REPOSITORY = "segmentio/action-destinations"
PR_EXAMPLE = f"https://github.com/{PR_REPOSITORY}/pull/1234"
WEBSITE_EXAMPLE = "https://acme.example.com"
MAX_URL = 300  # what the database keeps
PR_TABS = frozenset({"files", "commits", "checks"})  # pages of one pull request that reduce to the pull request
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?![0-9])", re.IGNORECASE)  # mailto:, javascript: (not host:port)
_HOST = re.compile(r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")
_NUMBER = re.compile(r"^[1-9][0-9]{0,9}$")
_GIVE_PR = f"give the pull request URL, like {PR_EXAMPLE}"
_GIVE_WEBSITE = f"enter your company website, like {WEBSITE_EXAMPLE}"


def _split(text: str, *, empty: str, give: str) -> SplitResult:
    """The parts of a URL typed with or without its scheme; ValueError for blanks, spaces and broken ports."""
    value = text.strip()
    if not value:
        raise ValueError(empty)
    if any(character.isspace() for character in value):
        raise ValueError(f"Paste only the address, without spaces: {give}.")
    if not _SCHEME.match(value):
        if _OTHER_SCHEME.match(value):
            raise ValueError(f"That is not a web address: {give}.")
        value = f"https://{value}"
    if len(value) > MAX_URL:
        raise ValueError(f"That address is {len(value)} characters long; keep it under {MAX_URL}.")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- urlsplit checks the port only when it is read
    except ValueError:
        raise ValueError(f"That is not a web address: {give}.") from None
    return parts


def _ascii_host(host: str) -> str | None:
    """The host in ASCII (IDNA for non-ASCII names), lower-cased and without a trailing dot; None when unusable."""
    try:
        return host.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def normalize_website(text: str) -> str:
    """A company website as https://host[/path]: `https://` added when missing, the host lower-cased."""
    parts = _split(
        text,
        empty=f"Enter your company website as a full URL, like {WEBSITE_EXAMPLE}.",
        give=_GIVE_WEBSITE,
    )
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError(f"{scheme}:// addresses are not websites: {_GIVE_WEBSITE}.")
    if parts.username is not None or parts.password is not None:
        raise ValueError(f"Leave out the user name and password: {_GIVE_WEBSITE}.")
    host = _ascii_host(parts.hostname or "")
    if not host or not _HOST.match(host):
        shown = (parts.hostname or "(nothing)")[:60]
        raise ValueError(f"“{shown}” is not a public website address: {_GIVE_WEBSITE}.")
    netloc = f"{host}:{parts.port}" if parts.port is not None else host
    path = "" if parts.path == "/" else parts.path
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def _pr_number(segments: list[str]) -> str:
    """The number of a pull request path [owner, repo, 'pull', number, tab…] on action-destinations, or raise."""
    owner, repo = [*segments, "", ""][:2]
    on_repository = f"{owner}/{repo}".lower() == PR_REPOSITORY
    if len(segments) < 4 or segments[2] != "pull":
        where = "/".join(segments[:4])[:80] or "github.com"
        if on_repository or len(segments) < 2:
            raise ValueError(f"That link is not a pull request (it points to {where}): {_GIVE_PR}.")
        raise ValueError(f"That link points to {where}, not to a pull request on {PR_REPOSITORY}: {_GIVE_PR}.")
    if not on_repository:
        shown = f"{owner}/{repo}"[:80]
        raise ValueError(f"That pull request is on {shown}, not on {PR_REPOSITORY}: {_GIVE_PR}.")
    number, tabs = segments[3], segments[4:]
    if not _NUMBER.match(number):
        raise ValueError(f"“{number[:20]}” is not a pull request number: {_GIVE_PR}.")
    if tabs and tabs[0] not in PR_TABS:
        raise ValueError(f"…/pull/{number}/{tabs[0][:20]} is not a page of the pull request: {_GIVE_PR}.")
    return number


def normalize_pr_url(text: str) -> str:
    """A pull request on segmentio/action-destinations as https://github.com/segmentio/action-destinations/pull/<n>.

    Accepted and reduced: no scheme or http://, www., capitals in the host or repository, a trailing slash, the
    Files, Commits and Checks tabs, a #comment anchor and a ?query.
    """
    parts = _split(
        text,
        empty=f"Give the pull request URL, like {PR_EXAMPLE}.",
        give=_GIVE_PR,
    )
    host = _ascii_host(parts.hostname or "") or ""
    if (
        parts.scheme.lower() not in ("http", "https")
        or host.removeprefix("www.") != "github.com"
        or parts.port
        or (parts.username is not None)
    ):
        raise ValueError(f"That is not a GitHub link: {_GIVE_PR}.")
    number = _pr_number([segment for segment in parts.path.split("/") if segment])
    return f"https://github.com/{PR_REPOSITORY}/pull/{number}"
