"""The fake GitHub's REST subset over HTTP on 127.0.0.1 (free port), with GitHub's error shapes and faults."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from slackbot.emulator import github_payloads as shape

if TYPE_CHECKING:
    from slackbot.emulator.github import FakeGitHub

ROUTE = re.compile(r"^/repos/(?P<repo>[^/]+/[^/]+)/pulls/(?P<number>[0-9]+)(?P<reviews>/reviews)?/?$")
DOCS = "https://docs.github.com/rest/pulls"
RESET_EPOCH = 1_900_000_000  # when an injected primary rate limit resets (fixed: the fake keeps no time)


@dataclass
class RestFault:
    """Answer the next `times` requests with `status`."""

    status: int
    times: int = 1
    retry_after: int | None = None
    rate_limited: bool = False


@dataclass(frozen=True)
class RestRequest:
    """One request the fake served (for asserting what the client asked, and how often)."""

    method: str
    path: str
    authorization: str | None


class RestServer:
    """Serves `GET /repos/{owner}/{repo}/pulls/{number}` and `.../reviews` from a FakeGitHub's pull requests."""

    def __init__(self, github: FakeGitHub) -> None:
        self.github = github
        self.faults: list[RestFault] = []
        self.requests: list[RestRequest] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-github", daemon=True
        )

    @property
    def url(self) -> str:
        """http://127.0.0.1:<port> (no trailing slash, like https://api.github.com)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> None:
        """Start serving in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()

    def answer(self, path: str, authorization: str | None) -> tuple[int, Any, dict[str, str]]:
        """(status, JSON body, headers) for one GET."""
        self.requests.append(RestRequest("GET", path, authorization))
        if (fault := self._take_fault()) is not None:
            return _fault_answer(fault)
        token = self.github.token
        if token is not None and authorization not in (f"token {token}", f"Bearer {token}", f"bearer {token}"):
            return (
                401,
                {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"},
                {},
            )
        parts = urlsplit(path)
        match = ROUTE.match(parts.path)
        pull = self.github.pulls.get(int(match["number"])) if match else None
        if match is None or pull is None or match["repo"].lower() != self.github.repository.lower():
            return (
                404,
                {"message": "Not Found", "documentation_url": f"{DOCS}/pulls#get-a-pull-request", "status": "404"},
                {},
            )
        if not match["reviews"]:
            return 200, shape.pull_request(pull), {}
        reviews = [shape.review(pull, item, rest=True) for item in pull.reviews]
        return _page(reviews, parts.path, parse_qs(parts.query), self.url)

    def _take_fault(self) -> RestFault | None:
        for fault in self.faults:
            if fault.times > 0:
                fault.times -= 1
                return fault
        return None


def _fault_answer(fault: RestFault) -> tuple[int, Any, dict[str, str]]:
    headers: dict[str, str] = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = str(fault.retry_after)
    if fault.rate_limited:
        headers.update(
            {
                "X-RateLimit-Limit": "5000",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Used": "5000",
                "X-RateLimit-Reset": str(RESET_EPOCH),
                "X-RateLimit-Resource": "core",
            }
        )
        message = "API rate limit exceeded for installation ID 4242."
    else:
        message = "Server Error" if fault.status >= 500 else "Fault injected by the fake GitHub"
    return (
        fault.status,
        {"message": message, "documentation_url": "https://docs.github.com/rest", "status": str(fault.status)},
        headers,
    )


def _page(items: list[Any], path: str, query: dict[str, list[str]], base: str) -> tuple[int, Any, dict[str, str]]:
    per_page = max(1, min(100, int((query.get("per_page") or ["30"])[0] or 30)))
    page = max(1, int((query.get("page") or ["1"])[0] or 1))
    chunk = items[(page - 1) * per_page : page * per_page]
    last = max(1, -(-len(items) // per_page))
    links = []
    if page < last:
        links.append(f'<{base}{path}?per_page={per_page}&page={page + 1}>; rel="next"')
        links.append(f'<{base}{path}?per_page={per_page}&page={last}>; rel="last"')
    return 200, chunk, {"Link": ", ".join(links)} if links else {}


def _handler_for(rest: RestServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        """One request to the fake REST API."""

        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            """Stay quiet."""
            return None

        def do_GET(self) -> None:
            """Answer a GET from the fake's pull requests."""
            try:
                status, body, headers = rest.answer(self.path, self.headers.get("Authorization"))
            except ValueError:  # a malformed page number
                status, body, headers = 400, {"message": "Bad Request", "status": "400"}, {}
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-GitHub-Media-Type", "github.v3; format=json")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler
