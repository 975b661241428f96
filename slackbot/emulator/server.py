"""The fake Slack Web API over HTTP on 127.0.0.1 (free port), with rate limits and fault injection."""

from __future__ import annotations

import json
import math
import threading
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from slackbot.emulator.socket_mode import SocketModeServer
from slackbot.emulator.views_api import response_url_post, views_open, views_publish, views_update
from slackbot.emulator.webapi import (
    SlackError,
    apps_connections_open,
    auth_test,
    chat_post_ephemeral,
    chat_post_message,
    chat_update,
    conversations_history,
    conversations_open,
    conversations_replies,
    usergroups_users_list,
    users_info,
)
from slackbot.emulator.workspace import (
    Workspace,
)

JSON_FIELDS = ("blocks", "view", "metadata", "attachments")


@dataclass
class Fault:
    """Answer the next `times` calls of `method` with an HTTP error (or drop the connection).

    `after`: Slack processes the call first (the message is posted) and only then fails: the answer is lost.
    `stall`: seconds to hold the answer after processing (FakeSlack.stalled is set meanwhile): time to kill a client.
    With `status=200` and a stall the call is only slow: its real answer comes after the stall.
    `token`: only calls made with this bot token (one of several processes) are affected.
    """

    method: str
    status: int = 429
    retry_after: int = 1
    times: int = 1
    drop: bool = False
    after: bool = False
    stall: float = 0.0
    token: str | None = None


class RateLimiter:
    """Per-method requests-per-minute windows, and one message per second per channel for chat.postMessage.

    `speed` compresses time for tests and benchmarks (speed=60: a minute's allowance per second).
    """

    def __init__(self, workspace: Workspace, *, enabled: bool = False, speed: float = 1.0) -> None:
        self.workspace, self.enabled, self.speed = workspace, enabled, speed
        self._lock = threading.Lock()
        self._calls: dict[str, deque[float]] = defaultdict(deque)

    def check(self, method: str, args: dict[str, Any]) -> float | None:
        """Seconds to wait when over the limit, else None (and the call is counted)."""
        if not self.enabled:
            return None
        now = self.workspace.monotonic()
        keys = [(method, 60.0 / self.speed, TIERS.get(method, 100))]
        if method == "chat.postMessage":
            keys.append((f"{method}:{args.get('channel')}", 1.0 / self.speed, 1))
        with self._lock:
            for key, window, allowed in keys:
                calls = self._calls[key]
                while calls and now - calls[0] >= window:
                    calls.popleft()
                if len(calls) >= allowed:
                    return window - (now - calls[0])
            for key, _, _ in keys:
                self._calls[key].append(now)
        return None


class FakeSlack:
    """Serves a Workspace as Slack's Web API and response URLs; `url` ends with '/' like SLACK_API_URL."""

    def __init__(self, workspace: Workspace | None = None) -> None:
        self.workspace = workspace or Workspace()
        self.faults: list[Fault] = []
        self.stalled = threading.Event()  # set while a stalled call holds its answer
        self.limiter = RateLimiter(self.workspace)
        self._lock = threading.Lock()
        self._changed = threading.Condition()  # notified after every Web API call
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-slack", daemon=True
        )

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:<port>/"""
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    @property
    def api_url(self) -> str:
        """The value for SLACK_API_URL."""
        return self.base_url + "api/"

    def start(self) -> FakeSlack:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()
        if self.workspace.socket_mode is not None:
            self.workspace.socket_mode.close()

    def enable_socket_mode(self) -> SocketModeServer:
        """Serve Socket Mode too: apps.connections.open will hand out this WebSocket endpoint."""
        server = self.workspace.socket_mode
        if server is None:
            server = self.workspace.socket_mode = SocketModeServer()
        return server  # type: ignore[no-any-return]

    def inject(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        drop: bool = False,
        after: bool = False,
        stall: float = 0.0,
        token: str | None = None,
    ) -> None:
        """Make the next `times` calls of `method` fail (`after`: once Slack has processed them; `status=200` with
        a `stall`: answer late but fine), or only those made with `token`."""
        with self._lock:
            self.faults.append(Fault(method, status, retry_after, times, drop, after or stall > 0, stall, token))

    def take_fault(self, method: str, token: str | None = None) -> Fault | None:
        """The fault to apply to this call, if any (consumes one use)."""
        with self._lock:
            for fault in self.faults:
                if fault.method == method and fault.times > 0 and fault.token in (None, token):
                    fault.times -= 1
                    return fault
        return None

    def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Block until `predicate()` holds, checked now and after every Web API call; False after `timeout` s.

        For a test whose bot runs in other processes: it waits for what Slack shows, not for a fixed time."""
        with self._changed:
            return self._changed.wait_for(predicate, timeout)

    def call(self, method: str, args: dict[str, Any], token: str | None) -> tuple[int, dict[str, Any], float | None]:
        """Run one Web API call: (HTTP status, JSON body, Retry-After seconds or None)."""
        self.workspace.calls.append((method, args))
        if method not in METHODS:
            return 404, {"ok": False, "error": "unknown_method"}, None
        if not token:
            return 200, {"ok": False, "error": "not_authed"}, None
        if (wait := self.limiter.check(method, args)) is not None:
            return 429, {"ok": False, "error": "ratelimited"}, wait
        try:
            return 200, {"ok": True, **METHODS[method](self.workspace, args)}, None
        except SlackError as error:
            return error.status, error.body(), None


def _decode(args: dict[str, Any]) -> dict[str, Any]:
    for name in JSON_FIELDS:
        value = args.get(name)
        if isinstance(value, str) and value[:1] in ("[", "{"):
            args[name] = json.loads(value)
    return args


class _SlackHandler(BaseHTTPRequestHandler):
    """One HTTP request to the fake Slack: a Web API method, or a response_url post."""

    protocol_version = "HTTP/1.1"
    slack: FakeSlack

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        if self.path.startswith("/hooks/"):
            self._hook(self.path.rstrip("/").rsplit("/", 1)[-1], json.loads(raw or "{}"))
            return
        method = self.path.removeprefix("/api/").split("?")[0]
        is_json = (self.headers.get("Content-Type") or "").startswith("application/json")
        args = json.loads(raw or "{}") if is_json else dict(parse_qsl(raw, keep_blank_values=True))
        token = (self.headers.get("Authorization") or "").removeprefix("Bearer ").strip() or args.get("token")
        fault = self.slack.take_fault(method, token)
        if fault is not None and not fault.after:
            self._fail(fault)
            return
        status, body, wait = self.slack.call(method, _decode(args), token)
        with self.slack._changed:  # wake wait_until()
            self.slack._changed.notify_all()
        if fault is not None:  # processed, and now the answer is held (then lost, unless the fault is only slow)
            if fault.stall:
                self.slack.stalled.set()
                threading.Event().wait(fault.stall)
            if fault.status != 200:
                self._fail(fault)
                return
        self._send(status, body, {"Retry-After": str(max(1, math.ceil(wait)))} if wait is not None else {})

    def _fail(self, fault: Fault) -> None:
        if fault.drop:
            self.close_connection = True
            self.connection.close()
            return
        try:
            self._answer_fault(fault)
        except OSError:  # the client is gone (killed while the answer was held)
            self.close_connection = True

    def _answer_fault(self, fault: Fault) -> None:
        error = "ratelimited" if fault.status == 429 else "internal_error"
        self._send(
            fault.status,
            {"ok": False, "error": error},
            {"Retry-After": str(fault.retry_after)} if fault.status == 429 else {},
        )

    def _hook(self, url_id: str, body: dict[str, Any]) -> None:
        try:
            response_url_post(self.slack.workspace, url_id, body)
        except SlackError as error:
            self._send(error.status, error.body())
            return
        self._send_raw(200, b"ok", "text/plain")

    def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        self._send_raw(status, json.dumps(body).encode(), "application/json; charset=utf-8", headers)

    def _send_raw(self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def _handler_for(slack: FakeSlack) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_SlackHandler,), {"slack": slack})


METHODS: dict[str, Callable[[Workspace, dict[str, Any]], dict[str, Any]]] = {
    "apps.connections.open": apps_connections_open,
    "auth.test": auth_test,
    "chat.postMessage": chat_post_message,
    "chat.postEphemeral": chat_post_ephemeral,
    "chat.update": chat_update,
    "conversations.open": conversations_open,
    "conversations.history": conversations_history,
    "conversations.replies": conversations_replies,
    "users.info": users_info,
    "usergroups.users.list": usergroups_users_list,
    "views.open": views_open,
    "views.update": views_update,
    "views.publish": views_publish,
}


# https://docs.slack.dev/apis/web-api/rate-limits — requests per minute per method (special: postMessage)
TIERS: dict[str, int] = {
    "apps.connections.open": 100,
    "auth.test": 100,
    "chat.postMessage": 60,
    "chat.postEphemeral": 100,
    "chat.update": 50,
    "conversations.open": 50,
    "conversations.history": 50,
    "conversations.replies": 50,
    "users.info": 100,
    "usergroups.users.list": 20,
    "views.open": 100,
    "views.update": 100,
    "views.publish": 100,
}
