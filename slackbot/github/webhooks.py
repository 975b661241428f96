"""GitHub webhook deliveries in, domain events out: verify first, then parse, and answer every request.

`receive` is independent of any web framework: give it the request headers and the raw body. The signature
(X-Hub-Signature-256, HMAC-SHA256 of the raw body) is checked with gidgethub before anything is parsed;
payloads are decoded into typed structs with msgspec. It never raises and logs exactly one line per request,
with the delivery id, event and outcome: never the body, a header value other than those, or the secret.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import msgspec
from gidgethub import ValidationFailure
from gidgethub.sansio import validate_event

from slackbot.domain.github import DEFAULT_REPOSITORY, GitHubEvent, Ping
from slackbot.github.events import Ignored, Inconsistent, from_pull_request, from_review
from slackbot.github.payloads import Envelope, PingDelivery, PullRequestDelivery, ReviewDelivery, problem

log = logging.getLogger("slackbot.github.webhooks")

DEFAULT_MAX_BYTES = 1_048_576  # pull request deliveries are tens of kilobytes; GitHub caps payloads at 25 MB
SIGNATURE_PREFIX = "sha256="
REFUSED_BY_BUG = "delivery refused by an internal error"
HANDLED: dict[str, type[PullRequestDelivery] | type[ReviewDelivery]] = {
    "pull_request": PullRequestDelivery,
    "pull_request_review": ReviewDelivery,
}
BAD_JSON = (msgspec.DecodeError, RecursionError)  # msgspec recurses into unknown nested values too
ACTIONS = {"pull_request": frozenset({"closed", "synchronize"}), "pull_request_review": frozenset({"submitted"})}


@dataclass(frozen=True)
class Receipt:
    """The answer to one delivery: HTTP status, the logged line, and the domain event to apply (if any)."""

    status: int
    message: str
    delivery_id: str | None = None
    github_event: str | None = None
    event: GitHubEvent | None = None

    @property
    def body(self) -> bytes:
        """A short JSON body for the HTTP response."""
        return msgspec.json.encode({"ok": self.status < 400, "message": self.message})


def receive(
    headers: Mapping[str, str],
    body: bytes,
    *,
    secret: str | None,
    repository: str = DEFAULT_REPOSITORY,
    max_bytes: int = DEFAULT_MAX_BYTES,
    apply: Callable[[Receipt], Receipt] | None = None,
) -> Receipt:
    """Verify, parse and classify one webhook delivery, then `apply` an accepted event (its answer replaces the
    receipt); never raises, and logs one line with the final outcome."""
    try:
        receipt = _receive({k.lower(): v for k, v in headers.items()}, body, secret, repository, max_bytes)
    except Exception as error:  # a bug must not become a 500 with a traceback: refuse, in one log line
        receipt = Receipt(400, f"{REFUSED_BY_BUG}: {type(error).__name__}")
    if apply is not None and receipt.event is not None:
        try:
            receipt = apply(receipt)
        except Exception as error:  # the database is down, say: GitHub shows the failure, reconciliation catches up
            receipt = replace(receipt, status=503, message=f"not applied: {type(error).__name__}")
    level = logging.WARNING if receipt.status >= 400 else logging.INFO
    log.log(
        level,
        "github webhook %s: %s %s (delivery %s)",
        receipt.status,
        receipt.github_event or "-",
        receipt.message,
        receipt.delivery_id or "-",
    )
    return receipt


def _receive(headers: Mapping[str, str], body: bytes, secret: str | None, repository: str, max_bytes: int) -> Receipt:
    if not secret:
        return Receipt(404, "GitHub webhooks are off (GITHUB_WEBHOOK_SECRET is not set)")
    delivery, name = _token(headers.get("x-github-delivery")), _token(headers.get("x-github-event"))
    if len(body) > max_bytes:
        return Receipt(413, f"body over {max_bytes} bytes", delivery, name)
    if (refused := _signature_problem(headers.get("x-hub-signature-256"), body, secret)) is not None:
        return Receipt(401, refused, delivery, name)
    if delivery is None or name is None:
        return Receipt(400, "missing or malformed X-GitHub-Delivery or X-GitHub-Event header", delivery, name)
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        return Receipt(415, "set the webhook's content type to application/json", delivery, name)
    return _classify(name, delivery, body, repository)


def _signature_problem(signature: str | None, body: bytes, secret: str) -> str | None:
    if not signature:
        return "missing X-Hub-Signature-256"
    if not signature.startswith(SIGNATURE_PREFIX):
        return "X-Hub-Signature-256 is not a sha256 signature"
    try:
        validate_event(body, signature=signature, secret=secret)
    except ValidationFailure:
        return "bad signature"
    return None


def _token(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if 0 < len(value) <= 100 and value.isascii() and value.isprintable() and " " not in value else None


def _classify(name: str, delivery: str, body: bytes, repository: str) -> Receipt:
    if name == "ping":
        try:
            ping = msgspec.json.decode(body, type=PingDelivery)
        except BAD_JSON as error:
            return Receipt(400, f"bad ping payload: {problem(error)}", delivery, name)
        return Receipt(200, "pong", delivery, name, Ping(ping.hook_id, ping.zen))
    if name not in HANDLED:
        return Receipt(202, "ignored: event type not used", delivery, name)
    try:
        envelope = msgspec.json.decode(body, type=Envelope)
    except BAD_JSON as error:
        return Receipt(400, f"bad payload: {problem(error)}", delivery, name)
    label = f"{name}.{envelope.action}"
    if envelope.repository.full_name.lower() != repository.lower():
        return Receipt(202, "ignored: another repository", delivery, label)
    if envelope.action not in ACTIONS[name]:
        return Receipt(202, "ignored: action not used", delivery, label)
    return _decode_event(name, label, delivery, body)


def _decode_event(name: str, label: str, delivery: str, body: bytes) -> Receipt:
    try:
        payload = msgspec.json.decode(body, type=HANDLED[name])
    except BAD_JSON as error:
        return Receipt(400, f"bad payload: {problem(error)}", delivery, label)
    try:
        result = from_review(payload) if isinstance(payload, ReviewDelivery) else from_pull_request(payload)
    except Inconsistent as error:
        return Receipt(400, f"bad payload: {error}", delivery, label)
    if isinstance(result, Ignored):
        return Receipt(202, f"ignored: {result.reason}", delivery, label)
    return Receipt(202, f"accepted: pull request #{result.number}", delivery, label, result)
