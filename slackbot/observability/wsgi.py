"""GET /metrics as a WSGI callable: Prometheus text format (or OpenMetrics when asked), 405 for other methods."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from prometheus_client import make_wsgi_app

from slackbot.observability.metrics import OutboxSource, scrape_registry
from slackbot.observability.multiprocess import multiprocess_dir

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def metrics_app(outbox: OutboxSource | None = None) -> WsgiApp:
    """The /metrics endpoint; `outbox` is called once per scrape for the outbox gauges (left out when None)."""

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "GET":
            body = b"GET only\n"
            start_response(
                "405 Method Not Allowed",
                [("Allow", "GET"), ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
            )
            return [body]
        exposition = make_wsgi_app(scrape_registry(outbox, multiprocess_dir()))  # content negotiation and gzip
        return exposition(environ, start_response)  # type: ignore[no-any-return]

    return application


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return None


def serve_metrics(app: WsgiApp, host: str, port: int) -> str:
    """Serve `app` (metrics_app) on a daemon thread, as a process without gunicorn (the worker) does; returns
    the URL of its /metrics (port 0: the kernel picks a free one)."""
    server = make_server(host, port, app, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, name="metrics-http", daemon=True).start()
    return f"http://{host}:{server.server_port}/metrics"
