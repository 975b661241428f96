"""The WSGI application: /slack/events through Bolt's WSGI adapter, /github/events, /healthz and /metrics."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App, BoltContext, BoltRequest
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_bolt.request.internals import build_context
from slack_sdk.signature import SignatureVerifier

from slackbot.app import Bot
from slackbot.domain.github import Ping
from slackbot.github import wsgi as github_wsgi
from slackbot.github.webhooks import Receipt
from slackbot.observability.metrics import (
    OutboxSnapshot,
    OutboxSource,
    outcome_for_status,
    record_request,
    request_kind,
)
from slackbot.observability.wsgi import metrics_app
from slackbot.program import Program
from slackbot.services import github
from slackbot.services.health import database_ok, outbox_figures
from slackbot.slack.requests import MAX_BODY_BYTES, Refusal, check_signed, refuse

EVENTS_PATH = "/slack/events"
GITHUB_EVENTS_PATH = github_wsgi.EVENTS_PATH


def build_request(raw_body: str, query: Any, headers: dict[str, Any]) -> BoltRequest:
    """A BoltRequest that survives slack-bolt 1.30's 'payload' parsing bug.

    Bolt parses any form body containing the substring "payload" as an interactivity envelope, so
    `/devcenter status payload` lost its fields and was answered 404 (slack_bolt/request/internals.py,
    parse_body). The raw body (and so the signature check) is untouched; only the parsed form is fixed.
    """
    request = BoltRequest(body=raw_body, query=query, headers=headers)
    if not request.body and "payload" in raw_body and not raw_body.lstrip().startswith("{"):
        form = dict(parse_qsl(raw_body, keep_blank_values=True))
        if "payload" not in form and "command" in form:
            request.body = form
            request.context = build_context(BoltContext({}), form)
    return request


class GuardedRequestHandler(SlackRequestHandler):
    """Bolt's WSGI adapter behind the door checks of slackbot.slack.requests, with the 'payload' guard applied."""

    def __init__(self, app: App, path: str, signing_secret: str | None) -> None:
        super().__init__(app, path=path)
        self.verifier = SignatureVerifier(signing_secret) if signing_secret else None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """POST /slack/events: refuse what Slack did not sign or send; dispatch the rest to Bolt."""
        if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != self.path:
            return _plain(start_response, 404, "Not Found")
        started = time.perf_counter()
        outcome = self._handle(environ)
        if isinstance(outcome, Refusal):
            record_request("other", outcome_for_status(outcome.status), time.perf_counter() - started)
            return _plain(start_response, outcome.status, outcome.reason)
        record_request(outcome.kind, outcome_for_status(outcome.status), time.perf_counter() - started)
        start_response(outcome.wsgi.status, outcome.wsgi.get_headers())
        return outcome.wsgi.get_body()

    def _handle(self, environ: dict[str, Any]) -> Refusal | _Answered:
        length = str(environ.get("CONTENT_LENGTH") or "0")
        if not length.isdigit():
            return refuse(Refusal(400, "bad Content-Length"), self.path, 0)
        if int(length) > MAX_BODY_BYTES:  # refused unread: drained (not kept) so the client hears the answer
            _discard(environ.get("wsgi.input"), int(length))
            return refuse(Refusal(413, f"body over {MAX_BODY_BYTES} bytes"), self.path, int(length))
        if self.verifier is None:
            return refuse(Refusal(404, "HTTP mode is off (Socket Mode)"), self.path, int(length))
        body = environ["wsgi.input"].read(int(length)) if "wsgi.input" in environ else b""
        request = WsgiHttpRequest(environ)
        headers = {name: str(value) for name, value in request.get_headers().items()}
        if (refusal := check_signed(headers, body, self.verifier)) is not None:
            return refuse(refusal, self.path, len(body))
        bolt_request = build_request(body.decode("utf-8"), request.query_string, dict(headers))
        answer = self.app.dispatch(bolt_request)
        wsgi = WsgiHttpResponse(status=answer.status, headers=answer.headers, body=answer.body)
        return _Answered(request_kind(bolt_request.body), answer.status, wsgi)


@dataclass(frozen=True)
class _Answered:
    kind: str
    status: int
    wsgi: WsgiHttpResponse


DRAIN_LIMIT = 32 << 20  # beyond this an oversized upload is not even drained: the connection just closes


def _discard(stream: Any, length: int) -> None:
    """Read and drop up to `length` bytes in small chunks, so the client can read the refusal."""
    left = min(length, DRAIN_LIMIT)
    while stream is not None and left > 0 and (chunk := stream.read(min(left, 64 << 10))):
        left -= len(chunk)


def _plain(start_response: Callable[..., Any], status: int, text: str) -> Iterable[bytes]:
    body = text.encode()
    reason = HTTPStatus(status).phrase
    start_response(
        f"{status} {reason}", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]


def github_app(program: Program) -> github_wsgi.WsgiApp:
    """POST /github/events: verified deliveries applied by the GitHub use cases (404 without a webhook secret)."""
    config = program.settings.github

    def applied(receipt: Receipt) -> Receipt:
        event = receipt.event
        if event is None or isinstance(event, Ping):
            return receipt
        outcome = github.apply(program, event, delivery_id=receipt.delivery_id, source=receipt.github_event or "-")
        return replace(receipt, status=200 if outcome.applied or outcome.duplicate else 202, message=outcome.message)

    return github_wsgi.github_events_app(config.webhook_secret, repository=config.repository, apply=applied)


def wsgi_app(
    app: App,
    database_ok: Callable[[], bool],
    github_events: github_wsgi.WsgiApp | None = None,
    outbox: OutboxSource | None = None,
    *,
    signing_secret: str | None,
) -> Callable[..., Iterable[bytes]]:
    """The whole HTTP surface of the bot: `github_events` (see github_app; without it /github/events is 404), and
    `outbox`, the outbox gauges of /metrics at scrape time."""
    slack = GuardedRequestHandler(app, EVENTS_PATH, signing_secret)
    metrics = metrics_app(outbox)
    github_events = github_events or github_wsgi.github_events_app(None)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == GITHUB_EVENTS_PATH:
            return github_events(environ, start_response)
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            healthy = database_ok()
            body = json.dumps({"ok": healthy, "database": "ok" if healthy else "unreachable"}).encode()
            start_response(
                "200 OK" if healthy else "503 Service Unavailable",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        if environ.get("PATH_INFO") == "/metrics":  # like /healthz: no Slack signature
            return metrics(environ, start_response)
        return slack(environ, start_response)

    return application


def bot_wsgi_app(bot: Bot) -> Callable[..., Iterable[bytes]]:
    """The WSGI app of a built bot: Slack and GitHub events, /healthz, and /metrics with the outbox gauges."""
    return wsgi_app(
        bot.app,
        lambda: database_ok(bot.program),
        github_app(bot.program),
        outbox_source(bot.program),
        signing_secret=bot.settings.signing_secret,
    )


def outbox_source(program: Program) -> OutboxSource:
    """The outbox gauges, read from the table at scrape time (the same figures whichever process answers)."""

    def snapshot() -> OutboxSnapshot:
        figures = outbox_figures(program)
        return OutboxSnapshot(figures.counts, figures.oldest_pending_seconds)

    return snapshot
