"""`POST /github/events` as a WSGI application around `receive`, for mounting beside /slack/events."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import Any

from slackbot.domain.github import DEFAULT_REPOSITORY
from slackbot.github.webhooks import DEFAULT_MAX_BYTES, Receipt, receive

EVENTS_PATH = "/github/events"
StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def request_headers(environ: Mapping[str, Any]) -> dict[str, str]:
    """The HTTP request headers of a WSGI environ, by their usual names (Content-Type, X-GitHub-Event, …)."""
    headers = {key[5:].replace("_", "-").title(): str(value) for key, value in environ.items()
               if key.startswith("HTTP_")}  # fmt: skip
    for key, name in (("CONTENT_TYPE", "Content-Type"), ("CONTENT_LENGTH", "Content-Length")):
        if environ.get(key):
            headers[name] = str(environ[key])
    return headers


def read_body(environ: Mapping[str, Any], max_bytes: int) -> bytes:
    """The request body, reading at most `max_bytes + 1` bytes (enough to tell that it is too large)."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    stream = environ.get("wsgi.input")
    if stream is None or length <= 0:
        return b""
    return bytes(stream.read(min(length, max_bytes + 1)))


def github_events_app(
    secret: str | None,
    *,
    repository: str = DEFAULT_REPOSITORY,
    max_bytes: int = DEFAULT_MAX_BYTES,
    apply: Callable[[Receipt], Receipt] = lambda receipt: receipt,
) -> WsgiApp:
    """A WSGI app answering POST /github/events; `apply` records and applies an accepted event (may replace it)."""

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return _answer(start_response, Receipt(405, "POST only"))
        if secret:  # without a secret the endpoint does not exist: answer 404 without reading the body
            receipt = receive(request_headers(environ), read_body(environ, max_bytes), secret=secret,
                              repository=repository, max_bytes=max_bytes, apply=apply)  # fmt: skip
        else:
            receipt = receive({}, b"", secret=None)
        return _answer(start_response, receipt)

    return application


def _answer(start_response: StartResponse, receipt: Receipt) -> Iterable[bytes]:
    body = receipt.body
    status = f"{receipt.status} {HTTPStatus(receipt.status).phrase}"
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
