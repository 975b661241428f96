"""Request hygiene at the door: size, signature and shape are checked before Bolt parses anything.

Forged, oversized or malformed requests get a 4xx and one log line naming why (never the body); Bolt only
sees requests that Slack signed and that have the fields its listeners read.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from slack_sdk.signature import SignatureVerifier

log = logging.getLogger("devcenter.requests")

MAX_BODY_BYTES = 1 << 20  # Slack's largest payloads (a block_actions with a 50-block message) are far smaller
_TIMESTAMP = re.compile(r"^\d{1,12}$")
_SIGNATURE = re.compile(r"^v0=[0-9a-f]{64}$")


@dataclass(frozen=True)
class Refusal:
    """Why a request is turned away, and with which HTTP status."""

    status: int
    reason: str


def refuse(refusal: Refusal, path: str, size: int) -> Refusal:
    """Log the refusal as one line (no body, no header values) and hand it back."""
    log.warning("refused %s request: %s %s (%d bytes)", path, refusal.status, refusal.reason, size)
    return refusal


def check_signed(headers: Mapping[str, str], body: bytes, verifier: SignatureVerifier) -> Refusal | None:
    """413 over the size limit, 401 without a well-formed, current and valid Slack signature, 400 for a body
    that is not UTF-8 or does not parse; None when the request may go on."""
    if len(body) > MAX_BODY_BYTES:
        return Refusal(413, f"body over {MAX_BODY_BYTES} bytes")
    lowered = {name.lower(): value for name, value in headers.items()}
    timestamp = lowered.get("x-slack-request-timestamp", "")
    signature = lowered.get("x-slack-signature", "")
    if not _TIMESTAMP.match(timestamp) or not _SIGNATURE.match(signature):
        return Refusal(401, "missing or malformed signature headers")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return Refusal(400, "body is not UTF-8")
    if not verifier.is_valid(text, timestamp, signature):
        return Refusal(401, "bad or expired signature")
    return check_shape(parsed_body(text, lowered.get("content-type", "")))


def parsed_body(text: str, content_type: str) -> object:
    """The body as Slack sends it: JSON (events) or a form (commands; interactivity under `payload`)."""
    if content_type.startswith("application/json"):
        return _json(text)
    form = dict(parse_qsl(text, keep_blank_values=True))
    return _json(form["payload"]) if "payload" in form and "command" not in form else form


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


def check_shape(body: object) -> Refusal | None:
    """400 when a signed envelope lacks what every listener reads (an event, actions, a view, a user)."""
    if not isinstance(body, dict):
        return Refusal(400, "body is not a JSON object or a form")
    kind = body.get("type")
    if kind == "url_verification" or "command" in body:
        return None if isinstance(body.get("command"), str) or kind == "url_verification" else _bad("command")
    if kind == "event_callback":
        event = body.get("event")
        ok = isinstance(event, dict) and isinstance(event.get("type"), str) and isinstance(body.get("event_id"), str)
        return None if ok else _bad("event")
    if not isinstance(kind, str):
        return _bad("envelope type")
    if kind not in _SHAPES:  # nothing listens to it: Bolt answers it without running code of ours
        return None
    if not isinstance(body.get("user"), dict) or not isinstance(body["user"].get("id"), str):
        return _bad("user")
    return _SHAPES[kind](body)


def _bad(what: str) -> Refusal:
    return Refusal(400, f"malformed {what}")


def _actions(body: dict[str, Any]) -> Refusal | None:
    actions = body.get("actions")
    fine = isinstance(actions, list) and bool(actions) and all(isinstance(a, dict) for a in actions)
    fine = fine and all(isinstance(a.get("action_id"), str) for a in actions)  # type: ignore[union-attr]
    return None if fine else _bad("actions")


def _view(body: dict[str, Any]) -> Refusal | None:
    view = body.get("view")
    fine = isinstance(view, dict) and isinstance(view.get("callback_id", ""), str)
    fine = fine and isinstance(view.get("private_metadata", ""), str)  # type: ignore[union-attr]
    state = view.get("state", {}) if isinstance(view, dict) else None
    fine = fine and isinstance(state, dict) and isinstance(state.get("values", {}), dict)
    return None if fine else _bad("view")


def _shortcut(body: dict[str, Any]) -> Refusal | None:
    return None if isinstance(body.get("callback_id"), str) else _bad("shortcut")


_SHAPES = {
    "block_actions": _actions,
    "view_submission": _view,
    "view_closed": _view,
    "shortcut": _shortcut,
    "message_action": _shortcut,
}


class WithoutBodies(logging.Filter):
    """Bolt's own warnings quote request bodies ("Unhandled request ({...})"): keep the first clause only."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; drop only Bolt's note that the token it read from the environment is
        unused (the bot hands Bolt its own client on purpose)."""
        message = record.getMessage().split("\n", 1)[0]
        if message.startswith("As you gave `client` as well"):
            return False
        record.msg, record.args = _QUOTED.sub("", message)[:300], ()
        return True


_QUOTED = re.compile(r"\s*\((?:body|\{|signature|timestamp).*$|\s*\{.*$")


def bolt_logger() -> logging.Logger:
    """The logger Bolt gets: its warnings name the problem, never the request body."""
    logger = logging.getLogger("slack_bolt.App")
    if not any(isinstance(f, WithoutBodies) for f in logger.filters):
        logger.addFilter(WithoutBodies())
    return logger
