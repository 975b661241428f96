"""Serving the sandbox: `devcenter-bot sandbox` / `python -m slackbot.emulator.web`, and tests (port 0)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from slackbot.app import system_clock
from slackbot.emulator.web.app import create_app
from slackbot.emulator.web.live import Watcher
from slackbot.emulator.web.sandbox import SANDBOX_DB, Sandbox

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8790


class _QuietHandler(WSGIRequestHandler):
    """No request log: the page's own polling and form posts would drown the terminal."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Log nothing."""
        return None


@dataclass
class RunningSandbox:
    """A sandbox served over HTTP: its URL, the state behind it, and the server."""

    url: str
    sandbox: Sandbox
    watcher: Watcher
    server: BaseWSGIServer


@contextmanager
def running_sandbox(
    host: str = DEFAULT_HOST,
    port: int = 0,
    *,
    database: Path = SANDBOX_DB,
    real_clock: Callable[[], datetime] = system_clock,
) -> Iterator[RunningSandbox]:
    """Start the bot, the emulator and the web page (port 0: a free port); stop them all on exit."""
    sandbox = Sandbox(database, real_clock=real_clock)
    watcher = Watcher(sandbox.fingerprint, sandbox.lock).start()
    try:
        server = make_server(host, port, create_app(sandbox, watcher), threaded=True, request_handler=_QuietHandler)
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="sandbox-web", daemon=True
        )
        thread.start()
        try:
            yield RunningSandbox(f"http://{host}:{server.server_port}/", sandbox, watcher, server)
        finally:
            watcher.stop()
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
    finally:
        watcher.stop()
        sandbox.close()


def serve_sandbox(host: str, port: int, out: TextIO) -> None:
    """Serve the web sandbox until interrupted, printing its URL to `out`."""
    with running_sandbox(host, port) as running:
        print(
            "devcenter-bot sandbox — the real bot, a local Slack emulator and demo data; nothing leaves this machine.",
            file=out,
        )
        print(f"Open {running.url} (Ctrl+C stops it)", file=out, flush=True)
        stop = threading.Event()
        try:
            stop.wait()
        except KeyboardInterrupt:
            print("stopped", file=out)
