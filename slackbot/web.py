"""The WSGI application: /slack/events through Bolt's WSGI adapter, /github/events, and /healthz."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.request.internals import build_context

from slackbot.domain.github import Ping
from slackbot.github import wsgi as github_wsgi
from slackbot.github.webhooks import Receipt
from slackbot.program import Program
from slackbot.services import github

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
    """Bolt's WSGI adapter with the 'payload' guard applied to every request."""

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        """Dispatch a request to Bolt."""
        return self.app.dispatch(build_request(request.get_body(), request.query_string, request.get_headers()))


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
    app: App, database_ok: Callable[[], bool], github_events: github_wsgi.WsgiApp | None = None
) -> Callable[..., Iterable[bytes]]:
    """The whole HTTP surface of the bot (`github_events`: see github_app; without it /github/events is 404)."""
    slack = GuardedRequestHandler(app, path=EVENTS_PATH)
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
        return slack(environ, start_response)

    return application
