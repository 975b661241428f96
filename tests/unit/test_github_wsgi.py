"""The /github/events WSGI app: method, secret and size are settled before the body is read in full."""

from __future__ import annotations

import io
import json
from typing import Any

from slackbot.github.webhooks import Receipt
from slackbot.github.wsgi import github_events_app, read_body, request_headers

SECRET = "whsec-5d41402abc4b2a76b9719d911017c592"


class CountingInput(io.BytesIO):
    """A request body that remembers how much of it was read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.taken = 0

    def read(self, size: int | None = -1) -> bytes:
        """Read and count."""
        chunk = super().read(size)
        self.taken += len(chunk)
        return chunk


def call(app: Any, method: str = "POST", body: bytes = b"{}", **extra: str) -> tuple[str, dict[str, Any], int]:
    """Call the WSGI app once: (status line, JSON body, bytes read from the body)."""
    stream = CountingInput(body)
    environ = {"REQUEST_METHOD": method, "PATH_INFO": "/github/events", "CONTENT_LENGTH": str(len(body)),
               "CONTENT_TYPE": "application/json", "wsgi.input": stream, **extra}  # fmt: skip
    answered: list[str] = []
    chunks = app(environ, lambda status, headers: answered.append(status))
    return answered[0], json.loads(b"".join(chunks)), stream.taken


def test_without_a_secret_it_answers_404_without_reading_the_body() -> None:
    status, body, taken = call(github_events_app(None), body=b"x" * 5000)
    assert (status, body["ok"], taken) == ("404 Not Found", False, 0)


def test_only_post_is_accepted() -> None:
    assert call(github_events_app(SECRET), method="GET")[0] == "405 Method Not Allowed"


def test_a_huge_body_is_read_only_up_to_the_limit_and_refused_413() -> None:
    status, _, taken = call(github_events_app(SECRET, max_bytes=1000), body=b"x" * 1_000_000)
    assert (status, taken) == ("413 Request Entity Too Large", 1001)


def test_an_unsigned_post_is_refused_401_and_never_reaches_apply() -> None:
    applied: list[Receipt] = []

    def apply(receipt: Receipt) -> Receipt:
        """Record the receipt."""
        applied.append(receipt)
        return receipt

    app = github_events_app(SECRET, apply=apply)
    assert call(app, HTTP_X_GITHUB_EVENT="ping", HTTP_X_GITHUB_DELIVERY="d1")[0] == "401 Unauthorized"
    assert applied == []


def test_headers_come_out_of_the_environ_under_their_usual_names() -> None:
    environ = {
        "HTTP_X_HUB_SIGNATURE_256": "sha256=ab",
        "HTTP_X_GITHUB_EVENT": "ping",
        "CONTENT_TYPE": "application/json",
    }
    assert request_headers(environ) == {"X-Hub-Signature-256": "sha256=ab", "X-Github-Event": "ping",
                                        "Content-Type": "application/json"}  # fmt: skip


def test_a_missing_or_malformed_content_length_reads_nothing() -> None:
    assert read_body({"wsgi.input": io.BytesIO(b"abc")}, 10) == b""
    assert read_body({"wsgi.input": io.BytesIO(b"abc"), "CONTENT_LENGTH": "many"}, 10) == b""
