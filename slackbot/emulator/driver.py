"""Signed requests to the app, shaped like ../shared/slack-payloads (slash, interactivity, events)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from slackbot.emulator.workspace import APP_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, Channel, User, Workspace

VERIFICATION_TOKEN = "AbCdEfGhIjKlMnOpQrStUvWx"  # deprecated, still sent by Slack (SOURCES.md)


@dataclass
class Response:
    """The app's HTTP answer."""

    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        """The body parsed as JSON ({} when empty)."""
        return json.loads(self.body) if self.body else {}


class Driver:
    """Builds Slack-shaped payloads, signs them with the signing secret, and POSTs them over HTTP."""

    def __init__(
        self,
        app_url: str,
        signing_secret: str,
        workspace: Workspace,
        hooks_base: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app_url, self.workspace, self.hooks_base, self.clock = app_url, workspace, hooks_base, clock
        self.signer = SignatureVerifier(signing_secret)
        self._event_seq = 0

    def post(
        self,
        body: str,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        timestamp: int | None = None,
        signature: str | None = None,
    ) -> Response:
        """POST raw bytes, signed (v0 HMAC-SHA256 over 'v0:{ts}:{body}') unless a signature is given."""
        ts = str(timestamp if timestamp is not None else int(self.clock()))
        sig: str = signature or str(self.signer.generate_signature(timestamp=ts, body=body))
        request = urllib.request.Request(
            self.app_url,
            data=body.encode(),
            method="POST",
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": sig,
                **(headers or {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return Response(answer.status, answer.read().decode(), dict(answer.headers))
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode(), dict(error.headers))

    def slash_body(self, user: User, channel: Channel, command: str, text: str) -> str:
        """The form body of a slash command, field order as Slack sends it."""
        return urlencode(
            {
                "token": VERIFICATION_TOKEN,
                "team_id": TEAM_ID,
                "team_domain": TEAM_DOMAIN,
                "channel_id": channel.id,
                "channel_name": channel.name,
                "user_id": user.id,
                "user_name": user.name,
                "command": command,
                "text": text,
                "api_app_id": APP_ID,
                "is_enterprise_install": "false",
                "response_url": self.workspace.new_response_url(self.hooks_base, channel.id, user.id),
                "trigger_id": self.workspace.new_trigger(user.id),
            }
        )

    def slash(self, user: User, channel: Channel, command: str, text: str) -> Response:
        """Send a slash command."""
        return self.post(self.slash_body(user, channel, command, text), "application/x-www-form-urlencoded")

    def interaction(self, payload: dict[str, Any]) -> Response:
        """Send an interactivity payload (block_actions, view_submission, shortcuts) as payload=<json>."""
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, "application/x-www-form-urlencoded")

    def event(self, event: dict[str, Any], *, event_id: str | None = None, deliveries: int = 1) -> list[Response]:
        """Deliver an Events API event, repeating it with Slack's retry headers `deliveries - 1` times."""
        self._event_seq += 1
        event_id = event_id or f"Ev{self._event_seq:09d}"
        envelope = {
            "token": VERIFICATION_TOKEN,
            "team_id": TEAM_ID,
            "context_team_id": TEAM_ID,
            "context_enterprise_id": None,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(self.clock()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": TEAM_ID,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": "4-eyJldCI6ImV4YW1wbGUifQ",
        }
        body = json.dumps(envelope)
        answers = []
        for attempt in range(deliveries):
            retry = {"X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": "http_timeout"} if attempt else {}
            answers.append(self.post(body, "application/json", headers=retry))
        return answers
