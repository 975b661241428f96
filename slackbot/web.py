"""The WSGI application: /slack/events through Bolt's WSGI adapter, plus /healthz and /metrics."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.request.internals import build_context

from slackbot.observability.metrics import OutboxSource, outcome_for_status, record_request, request_kind
from slackbot.observability.wsgi import metrics_app

EVENTS_PATH = "/slack/events"


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
        """Dispatch a request to Bolt, counting it (kind, outcome from the HTTP status, time to the ack)."""
        started = time.perf_counter()
        bolt_request = build_request(request.get_body(), request.query_string, request.get_headers())
        response = self.app.dispatch(bolt_request)
        record_request(
            request_kind(bolt_request.body), outcome_for_status(response.status), time.perf_counter() - started
        )
        return response


def wsgi_app(
    app: App, database_ok: Callable[[], bool], outbox: OutboxSource | None = None
) -> Callable[..., Iterable[bytes]]:
    """The whole HTTP surface of the bot; `outbox` gives the outbox gauges of /metrics at scrape time."""
    slack = GuardedRequestHandler(app, path=EVENTS_PATH)
    metrics = metrics_app(outbox)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
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
