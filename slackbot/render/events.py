"""Replies to events: drawn by the handler when the event arrived, delivered through the outbox."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from slackbot.domain.messages.events import EventReply
from slackbot.render.common import Rendered
from slackbot.render.mrkdwn import Md


def event_reply(payload: EventReply) -> Rendered:
    """The stored reply as it was drawn (its text was escaped then)."""
    blocks = [block for data in payload.blocks if (block := Block.parse(data)) is not None]
    return Md(payload.text), blocks


def as_event_reply(reply: Rendered, *, private_to: str | None = None) -> EventReply:
    """A drawn reply, ready for the outbox."""
    text, blocks = reply
    return EventReply(str(text), tuple(block.to_dict() for block in blocks), private_to)
