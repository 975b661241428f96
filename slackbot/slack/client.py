"""ObservedWebClient: a slack_sdk WebClient that reports every HTTP attempt it makes (method and outcome).

The hook sits under slack_sdk's retry loop, so a 429 that a retry handler waits out is still seen once, and the
retry after it once more: the count is of requests Slack received, not of `api_call`s. Only the method name and
a fixed outcome word are reported, never arguments, tokens or message text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.error import HTTPError
from urllib.request import Request

from slack_sdk import WebClient

Observer = Callable[[str, str], None]  # (method, outcome): outcome is ok, ratelimited, error or network


def _ignore(method: str, outcome: str) -> None:
    return None


class ObservedWebClient(WebClient):
    """A WebClient calling `observe(method, outcome)` after each attempt (ok, ratelimited, error, network)."""

    def __init__(self, *args: Any, observe: Observer = _ignore, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.observe = observe

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict[str, Any]:
        method = api_method(url)
        try:
            answer: dict[str, Any] = super()._perform_urllib_http_request_internal(url, req)
        except HTTPError as error:
            self.observe(method, "ratelimited" if error.code == 429 else "error")
            raise
        except Exception:
            self.observe(method, "network")
            raise
        self.observe(method, "ok" if _ok(answer.get("body")) else "error")
        return answer


def api_method(url: str) -> str:
    """'chat.postMessage' from 'https://slack.com/api/chat.postMessage?x=1'."""
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def _ok(body: object) -> bool:
    """Whether a 200 answer says `"ok": true` (Slack's errors come back as 200 with `"ok": false`)."""
    if not isinstance(body, str) or not body.startswith("{"):
        return isinstance(body, bytes)  # a binary download (admin.analytics.getFile) has no `ok` field
    try:
        parsed = json.loads(body)
    except ValueError:
        return False
    return isinstance(parsed, dict) and parsed.get("ok") is True
