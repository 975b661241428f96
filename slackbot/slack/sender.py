"""SlackSender: posts outbox messages with chat.postMessage and finds them again after a crash."""

from __future__ import annotations

import logging
import socket
from typing import Any, Literal
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.metadata import Metadata

from slackbot.domain.messages import Payload, load_payload
from slackbot.ids import OUTBOX_EVENT_TYPE
from slackbot.render.common import Rendered
from slackbot.render.messages import render_payload
from slackbot.services.outbox import RetryLater, Undeliverable
from slackbot.slack.pacer import Pacer
from storage.repositories.outbox import ClaimedMessage

log = logging.getLogger(__name__)

LOOKBACK = 200  # messages searched for an earlier post: a retry comes within minutes of the lost answer

# Errors that will not get better by waiting: https://docs.slack.dev/reference/methods/chat.postMessage
PERMANENT = {
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "invalid_blocks",
    "msg_too_long",
    "user_not_found",
    "user_not_in_channel",
    "thread_not_found",
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
        payload, (text, blocks) = _drawn(message)
        with _translated_errors(posting=False):
            channel = self._channel_id(message.channel)
        self.pacer.wait(channel)  # the workspace's rate and the channel's
        with _translated_errors(posting=True):
            if (user := payload.visible_only_to()) is not None:
                response = self.client.chat_postEphemeral(
                    channel=channel, user=user, text=text, blocks=blocks, thread_ts=message.thread_ts
                )
                return channel, str(response["message_ts"])
            if payload.edits_parent and message.thread_ts:  # replace the parent message itself
                response = self.client.chat_update(channel=channel, ts=message.thread_ts, text=text, blocks=blocks)
                return str(response["channel"]), str(response["ts"])
            response = self.client.chat_postMessage(
                channel=channel,
                text=text,
                blocks=blocks,
                thread_ts=message.thread_ts,
                metadata=Metadata(event_type=OUTBOX_EVENT_TYPE, event_payload={"outbox_id": str(message.id)}),
                unfurl_links=False,
            )
        return str(response["channel"]), str(response["ts"])

    def find_sent(self, message: ClaimedMessage) -> tuple[str, str] | None:
        """Look for an earlier post carrying this outbox id: the thread's replies for a reply, else recent history.

        An edit of an earlier message (chat.update) is idempotent and is simply done again; an ephemeral message
        cannot be looked up (it is posted again: only its one reader could see it twice).
        """
        payload, _ = _drawn(message)
        if payload.edits_parent or payload.visible_only_to() is not None:
            return None
        with _translated_errors(posting=False):
            channel = self._channel_id(message.channel)
            if message.thread_ts:
                found = self.client.conversations_replies(
                    channel=channel, ts=message.thread_ts, limit=LOOKBACK, include_all_metadata=True
                )
            else:
                found = self.client.conversations_history(channel=channel, limit=LOOKBACK, include_all_metadata=True)
        items: list[dict[str, Any]] = found.get("messages", [])
        for item in items:
            tag = (item.get("metadata") or {}).get("event_payload") or {}
            if str(tag.get("outbox_id")) == str(message.id):
                log.info("outbox message %s was already posted as %s; not sending again", message.id, item["ts"])
                return channel, str(item["ts"])
        return None

    def _channel_id(self, target: str) -> str:
        if target[:1] in ("U", "W"):  # a DM: open (or reuse) the IM channel
            return str(self.client.conversations_open(users=target)["channel"]["id"])
        return target


def _drawn(message: ClaimedMessage) -> tuple[Payload, Rendered]:
    """The typed payload and its rendering; a row that no longer fits its kind is undeliverable, not a crash."""
    try:
        payload = load_payload(message.kind, message.payload)
        return payload, render_payload(payload)
    except (ValueError, KeyError) as error:
        raise Undeliverable(f"payload does not fit {message.kind}: {error}") from None


class _translated_errors:
    """Turn slack_sdk errors into RetryLater / Undeliverable for the outbox.

    While `posting`, any failure that may have come after Slack processed the call (a 5xx, a dropped or timed-out
    connection) is `maybe_sent`; a 429, an `ok: false` answer or a refused connection is certainly not.
    """

    def __init__(self, *, posting: bool) -> None:
        self.posting = posting

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
            if status >= 500:
                raise RetryLater(f"slack error {status} {error}", maybe_sent=self.posting) from None
            if error not in PERMANENT:
                raise RetryLater(f"slack error {status} {error}") from None
            raise Undeliverable(error) from None
        if isinstance(exc, (SlackClientError, OSError)):
            maybe_sent = self.posting and not _never_reached_slack(exc)
            raise RetryLater(f"network: {type(exc).__name__}", maybe_sent=maybe_sent) from None
        return False


def _never_reached_slack(exc: BaseException) -> bool:
    """A refused connection or an unknown host: the request was certainly not processed."""
    reason = exc.reason if isinstance(exc, URLError) else exc
    return isinstance(reason, (ConnectionRefusedError, socket.gaierror))
