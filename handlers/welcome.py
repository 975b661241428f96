"""A partner's user joins its shared channel: the once-ever welcome."""

from __future__ import annotations

from typing import Any

from slackbot.ids import EventType
from slackbot.program import Program
from slackbot.services.partners import resolve_actor
from slackbot.services.welcome import member_joined
from slackbot.slack.directory import SlackDirectory


def joined(event: dict[str, Any], body: dict[str, Any], program: Program, directory: SlackDirectory) -> None:
    """Queue the once-ever welcome for a partner's user joining its shared channel."""
    user = event["user"]
    joiner = resolve_actor(program, user, is_staff=directory.is_staff(user), is_external=directory.is_external(user))
    member_joined(program, joiner, event_id=body["event_id"], channel_id=event["channel"])


EVENTS = {EventType.MEMBER_JOINED_CHANNEL: joined}
