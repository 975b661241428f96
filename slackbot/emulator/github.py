"""A fake GitHub: pull requests in memory, signed webhook deliveries to the bot, and a small REST API.

    gh = FakeGitHub(clock, webhook_url=bot_url + "/github/events", secret=secret).start()
    pr = gh.open(4242, author="acme-dev", title="Acme Analytics")
    gh.review(pr, "changes_requested", by="segment-eng", body="Add unit tests")
    gh.merge(pr, at=datetime(2026, 12, 1, 16, 59, tzinfo=PACIFIC))
    gh.merge(pr, deliver=False)       # a missed webhook: the REST API knows, the bot was not told

The REST subset (`GET /repos/{owner}/{repo}/pulls/{number}` and `.../reviews`) is served on 127.0.0.1 at a
free port; `api_url` is the value for GITHUB_API_URL.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from slackbot.domain.github import DEFAULT_REPOSITORY
from slackbot.emulator import github_objects
from slackbot.emulator import github_payloads as shape
from slackbot.emulator.github_payloads import FakePull, FakeReview
from slackbot.emulator.github_rest import RestFault, RestServer

HOOKSHOT = "GitHub-Hookshot/8e03811"
PR = int | FakePull


@dataclass
class ManualClock:
    """A clock that moves only when told to (the console passes its own clock instead)."""

    now: datetime

    def __call__(self) -> datetime:
        """The current moment."""
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move forward by timedelta(**delta)."""
        self.now += timedelta(**delta)
        return self.now


@dataclass(frozen=True)
class Delivery:
    """One webhook delivery: what was sent and, once sent, how the bot answered (status None: not sent)."""

    id: str
    event: str
    body: bytes
    headers: dict[str, str]
    status: int | None = None
    answer: str = ""

    def json(self) -> Any:
        """The bot's answer parsed as JSON."""
        return json.loads(self.answer) if self.answer else None


@dataclass
class FakeGitHub:
    """GitHub for tests and the sandbox: change pull requests, and the bot hears about it (or not)."""

    clock: Callable[[], datetime]
    webhook_url: str | None = None
    secret: str | None = None
    repository: str = DEFAULT_REPOSITORY
    token: str | None = None  # when set, REST requests must carry it
    hook_id: int = 4_242_001
    pulls: dict[int, FakePull] = field(default_factory=dict)
    deliveries: list[Delivery] = field(default_factory=list)
    on_delivered: Callable[[], None] | None = None  # called after each delivery was answered (the harness settles)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _reviews: int = 0

    def __post_init__(self) -> None:
        self.rest = RestServer(self)

    def start(self) -> FakeGitHub:
        """Serve the REST API in a background thread."""
        self.rest.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self.rest.stop()

    @property
    def api_url(self) -> str:
        """The value for GITHUB_API_URL."""
        return self.rest.url

    def fail(
        self, status: int = 503, *, times: int = 1, retry_after: int | None = None, rate_limited: bool = False
    ) -> None:
        """Answer the next `times` REST requests with `status` (rate_limited: as an exhausted primary limit)."""
        self.rest.faults.append(RestFault(status, times, retry_after, rate_limited))

    def pull(self, pr: PR) -> FakePull:
        """The pull request `pr` (a number or a FakePull)."""
        return self.pulls[pr if isinstance(pr, int) else pr.number]

    def open(
        self,
        number: int | None = None,
        *,
        author: str = "acme-dev",
        title: str = "Acme Analytics destination",
        at: datetime | None = None,
        deliver: bool = True,
    ) -> FakePull:
        """Open a pull request (delivers `pull_request.opened`)."""
        moment = at or self.clock()
        number = number or max(self.pulls, default=4241) + 1
        pull = FakePull(number, author, title, moment, github_objects.sha(self.repository, number, 1), self.repository)
        with self._lock:
            self.pulls[number] = pull
        self._send("pull_request", shape.envelope(pull, "opened", author, moment), deliver)
        return pull

    def review(
        self,
        pr: PR,
        state: str,
        *,
        by: str = "segment-eng",
        association: str = "MEMBER",
        body: str = "",
        at: datetime | None = None,
        deliver: bool = True,
    ) -> Delivery:
        """Submit a review: approved, changes_requested or commented."""
        pull, moment = self.pull(pr), at or self.clock()
        with self._lock:
            self._reviews += 1
            item = FakeReview(
                2_500_000_000 + self._reviews, by, state.lower(), association, body, moment, pull.head_sha
            )
            pull.reviews.append(item)
            pull.updated_at = moment
        return self._send("pull_request_review", shape.review_envelope(pull, item, moment), deliver)

    def merge(self, pr: PR, *, at: datetime | None = None, by: str = "segment-eng", deliver: bool = True) -> Delivery:
        """Merge the pull request (delivers `pull_request.closed` with `merged: true`)."""
        pull, moment = self.pull(pr), at or self.clock()
        with self._lock:
            pull.state, pull.closed_at, pull.updated_at = "closed", moment, moment
            pull.merged_at, pull.merged_by = moment, by
        return self._send("pull_request", shape.envelope(pull, "closed", by, moment), deliver)

    def close(self, pr: PR, *, at: datetime | None = None, by: str = "segment-eng", deliver: bool = True) -> Delivery:
        """Close the pull request without merging."""
        pull, moment = self.pull(pr), at or self.clock()
        with self._lock:
            pull.state, pull.closed_at, pull.updated_at = "closed", moment, moment
        return self._send("pull_request", shape.envelope(pull, "closed", by, moment), deliver)

    def push(self, pr: PR, *, by: str | None = None, at: datetime | None = None, deliver: bool = True) -> Delivery:
        """Push a commit to the pull request's branch (delivers `pull_request.synchronize`)."""
        pull, moment = self.pull(pr), at or self.clock()
        with self._lock:
            before = pull.head_sha
            pull.commits += 1
            pull.head_sha, pull.updated_at = github_objects.sha(self.repository, pull.number, pull.commits), moment
        payload = shape.envelope(pull, "synchronize", by or pull.author, moment, before=before, after=pull.head_sha)
        return self._send("pull_request", payload, deliver)

    def ping(self) -> Delivery:
        """Deliver GitHub's `ping` (sent when the webhook is created)."""
        payload = shape.ping(self.hook_id, self.repository, self.webhook_url or "", self.clock())
        return self._send("ping", payload, True)

    def redeliver(self, delivery: Delivery) -> Delivery:
        """Send the same body again under a new delivery id, as GitHub's Redeliver button does."""
        return self.send(delivery.event, delivery.body)

    def send(
        self,
        event: str,
        body: bytes,
        *,
        secret: str | None = None,
        signature: str | None = None,
        unsigned: bool = False,
        headers: dict[str, str] | None = None,
        deliver: bool = True,
    ) -> Delivery:
        """Deliver raw bytes, signed with `secret` (default: the hook's) unless `unsigned` or a `signature` is given."""
        headers = {**self._headers(event, body, secret, signature, unsigned), **(headers or {})}
        delivery = Delivery(headers["X-GitHub-Delivery"], event, body, headers)
        if deliver:
            delivery = self._post(delivery)
        with self._lock:
            self.deliveries.append(delivery)
        if deliver and self.on_delivered is not None:
            self.on_delivered()
        return delivery

    def forged(self, pr: PR, *, at: datetime | None = None) -> Delivery:
        """A merge of `pr` signed with the wrong secret; GitHub's state does not change."""
        return self.send("pull_request", self._merge_body(pr, at), secret="not-the-webhook-secret")

    def unsigned(self, pr: PR, *, at: datetime | None = None) -> Delivery:
        """A merge of `pr` with no signature header; GitHub's state does not change."""
        return self.send("pull_request", self._merge_body(pr, at), unsigned=True)

    def oversized(self, size: int) -> Delivery:
        """A correctly signed `pull_request.edited` delivery of `size` bytes (padded in the PR body)."""
        moment = self.clock()
        pull = FakePull(1, "acme-dev", "Acme Analytics", moment, github_objects.sha(1), self.repository)
        payload = shape.envelope(pull, "edited", pull.author, moment)
        payload["pull_request"]["body"] = ""
        payload["pull_request"]["body"] = "x" * max(0, size - len(_encode(payload)))
        return self.send("pull_request", _encode(payload))

    def malformed(self, body: bytes, event: str = "pull_request") -> Delivery:
        """A correctly signed delivery of arbitrary bytes (broken JSON, missing fields, wrong types)."""
        return self.send(event, body)

    def _merge_body(self, pr: PR, at: datetime | None) -> bytes:
        pull, moment = replace(self.pull(pr)), at or self.clock()
        pull.state, pull.closed_at, pull.merged_at, pull.merged_by = "closed", moment, moment, "mallory"
        return _encode(shape.envelope(pull, "closed", "mallory", moment))

    def _send(self, event: str, payload: dict[str, Any], deliver: bool) -> Delivery:
        return self.send(event, _encode(payload), deliver=deliver and self.webhook_url is not None)

    def _headers(
        self, event: str, body: bytes, secret: str | None, signature: str | None, unsigned: bool
    ) -> dict[str, str]:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": HOOKSHOT,
            "X-GitHub-Event": event,
            "X-GitHub-Delivery": str(uuid.uuid4()),
            "X-GitHub-Hook-ID": str(self.hook_id),
            "X-GitHub-Hook-Installation-Target-ID": str(github_objects.account_id(self.repository)),
            "X-GitHub-Hook-Installation-Target-Type": "repository",
        }
        key = (secret or self.secret or "").encode()
        if not unsigned:
            headers["X-Hub-Signature"] = "sha1=" + hmac.new(key, body, hashlib.sha1).hexdigest()
            headers["X-Hub-Signature-256"] = signature or "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()
        return headers

    def _post(self, delivery: Delivery) -> Delivery:
        request = urllib.request.Request(
            self.webhook_url or "", data=delivery.body, method="POST", headers=delivery.headers
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return replace(delivery, status=answer.status, answer=answer.read().decode())
        except urllib.error.HTTPError as error:
            with error:
                return replace(delivery, status=error.code, answer=error.read().decode())


def _encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
