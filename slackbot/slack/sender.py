"""SlackSender: posts outbox messages with chat.postMessage and finds them again after a crash."""

from __future__ import annotations

import logging
from typing import Any, Literal

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.metadata import Metadata

from slackbot.domain.messages import payload_class
from slackbot.ids import OUTBOX_EVENT_TYPE
from slackbot.render.messages import render_message
from slackbot.services.outbox import RetryLater, Undeliverable
from slackbot.slack.pacer import Pacer
from storage.repositories.outbox import ClaimedMessage

log = logging.getLogger(__name__)

# Errors that will not get better by waiting: https://docs.slack.dev/reference/methods/chat.postMessage
PERMANENT = {
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "invalid_blocks",
    "msg_too_long",
    "user_not_found",
    "cannot_dm_bot",
    "invalid_auth",
    "account_inactive",
    "token_revoked",
    "missing_scope",
    "restricted_action",
}


class SlackSender:
    """Implements services.outbox.Sender with a WebClient that does NOT wait on 429 itself."""

    def __init__(self, client: WebClient, pacer: Pacer | None = None) -> None:
        self.client, self.pacer = client, pacer or Pacer(0)

    def send(self, message: ClaimedMessage) -> tuple[str, str]:
        """Post one outbox message, tagged with its outbox id in message metadata."""
        text, blocks = render_message(message.kind, message.payload)
        metadata = Metadata(event_type=OUTBOX_EVENT_TYPE, event_payload={"outbox_id": str(message.id)})
        with _translated_errors():
            channel = self._channel_id(message.channel)
            self.pacer.wait()
            if payload_class(message.kind).edits_parent and message.thread_ts:  # replace the parent message itself
                response = self.client.chat_update(channel=channel, ts=message.thread_ts, text=text, blocks=blocks)
                return str(response["channel"]), str(response["ts"])
            response = self.client.chat_postMessage(
                channel=channel,
                text=text,
                blocks=blocks,
                thread_ts=message.thread_ts,
                metadata=metadata,
                unfurl_links=False,
            )
        return str(response["channel"]), str(response["ts"])

    def find_sent(self, message: ClaimedMessage) -> tuple[str, str] | None:
        """Search recent channel history for a post carrying this outbox id (reconciliation)."""
        with _translated_errors():
            channel = self._channel_id(message.channel)
            history = self.client.conversations_history(channel=channel, limit=200, include_all_metadata=True)
        found: list[dict[str, Any]] = history.get("messages", [])
        for item in found:
            payload = (item.get("metadata") or {}).get("event_payload") or {}
            if str(payload.get("outbox_id")) == str(message.id):
                log.info("outbox message %s was already posted as %s; not sending again", message.id, item["ts"])
                return channel, str(item["ts"])
        return None

    def _channel_id(self, target: str) -> str:
        if target[:1] in ("U", "W"):  # a DM: open (or reuse) the IM channel
            return str(self.client.conversations_open(users=target)["channel"]["id"])
        return target


class _translated_errors:
    """Turn slack_sdk errors into RetryLater / Undeliverable for the outbox."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> Literal[False]:
        if exc is None:
            return False
        if isinstance(exc, SlackApiError):
            status = exc.response.status_code
            error = str(exc.response.get("error", "unknown_error"))
            if status == 429:
                retry_after = exc.response.headers.get("Retry-After") or exc.response.headers.get("retry-after")
                raise RetryLater("ratelimited", float(retry_after) if retry_after else None) from None
            if status >= 500 or error not in PERMANENT:
                raise RetryLater(f"slack error {status} {error}") from None
            raise Undeliverable(error) from None
        if isinstance(exc, (SlackClientError, OSError)):
            raise RetryLater(f"network: {type(exc).__name__}") from None
        return False
