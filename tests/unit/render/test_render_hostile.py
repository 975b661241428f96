"""Every outbound message kind, rendered with hostile strings in every field: nobody is pinged or mentioned
unless the bot chose to (a user id field, or an announcement staff sent with "Notify everyone")."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slackbot.domain.launch import RULES, Evaluation, LaunchFacts, LaunchRule, evaluate
from slackbot.domain.lifecycle import Action, Stage
from slackbot.domain.messages import Payload
from slackbot.domain.messages.announcements import Announcement
from slackbot.domain.messages.email import PartnerEmail
from slackbot.domain.messages.events import EventReply
from slackbot.render.messages import render_payload
from slackbot.render.mrkdwn import BROADCAST, USER_ID

HOSTILE = [
    "<!channel>",
    "<!here|here>",
    "<!everyone>",
    "<!subteam^S0TEAM0001|@staff>",
    "<@U0STAFF001>",
    "<@W0ABC1234|boss>",
    "&lt;!channel&gt;",
    "<https://evil.example/login|Reset your password>",
    "<#C0STAFF001|reviews>",
    "Evil <!channel> Co",
    "<!here> Dest",
    "*bold* _it_ ~s~ `code` ```block```",
    "> quoted\n<!channel>",
    "U0STAFF001",
    "@channel @here",
    "\u202e<!channel>\u202c",
    "x" * 300,
]
hostile = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map(" ".join),
)
user_ids = st.one_of(st.sampled_from(["U0STAFF001", "U0PAT00001", "W0ABC12345"]), hostile)
SKIPPED = {EventReply, PartnerEmail}  # EventReply: drawn by the other renderers at event time (their output is what
# this test checks); PartnerEmail: an email, never Slack markup (tests/unit/test_email_render.py)
NAMED = {
    "timezone": st.sampled_from(["America/Los_Angeles", "UTC", "Europe/Berlin"]),
    "actions": st.lists(st.sampled_from([a.value for a in Action]), max_size=4).map(tuple),
    "subject": st.sampled_from(["partner", "integration"]),
    "message_kind": st.sampled_from(["welcome_channel", "review_card"]),
}
USER_FIELDS = {"actor", "user_id", "asker", "staff_user", "requested_by", "recorded_by", "decided_by", "shipped_by"}


def strategy(hint: Any, name: str = "") -> st.SearchStrategy[Any]:
    """A value of a payload field's type, hostile wherever it is text."""
    if name in NAMED:
        return NAMED[name]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(st.none() if a is type(None) else strategy(a, name) for a in args))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return st.lists(strategy(args[0], name), max_size=3).map(tuple)
    if origin is tuple:
        return st.tuples(*(strategy(a, name) for a in args))
    if hint is LaunchRule:
        return st.sampled_from(list(RULES.values()))
    if hint is Evaluation:  # what the rules can produce, not arbitrary combinations
        facts = st.builds(LaunchFacts, st.integers(0, 9), st.one_of(st.none(), st.integers(0, 30)), st.booleans())
        return st.builds(evaluate, strategy(LaunchRule), st.sampled_from([Stage.PUBLIC_BETA, Stage.PUBLIC]), facts)
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        fields = {f.name: strategy(hints[f.name], f.name) for f in dataclasses.fields(hint)}
        return st.builds(hint, **fields)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return st.sampled_from(list(hint))
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: user_ids if name in USER_FIELDS else hostile,
        int: st.integers(0, 10**6),
        float: st.floats(0, 1),
        bool: st.booleans(),
        datetime: st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC)),
        date: st.dates(date(2026, 1, 1), date(2028, 1, 1)),
    }
    return simple[hint]


PAYLOADS = [cls for cls in Payload.registry.values() if cls not in SKIPPED]
payloads = st.one_of(*(strategy(cls) for cls in PAYLOADS))


NOT_SHOWN = {"value", "action_id", "block_id", "callback_id", "private_metadata", "url"}  # never displayed


def _strings(value: Any) -> list[str]:
    """Every string Slack would read as mrkdwn (plain_text objects are shown as typed, never parsed)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if value.get("type") == "plain_text":
            return []
        return [s for k, v in value.items() if k not in NOT_SHOWN for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    return []


MENTION = re.compile(r"<@([^>|]*)")  # a channel reference (<#C…>) notifies nobody


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payloads)
def test_no_outbound_message_pings_or_mentions_anyone_the_bot_did_not_choose(payload: Payload) -> None:
    text, blocks = render_payload(payload)
    rendered = [text, *(s for block in blocks for s in _strings(block.to_dict()))]
    ids = {s for s in _strings(payload) if USER_ID.match(s) or re.match(r"^[CGD][A-Z0-9]{2,20}$", s)}

    pings_allowed = isinstance(payload, Announcement) and payload.notify_everyone
    for piece in rendered:
        assert pings_allowed or not BROADCAST.search(piece), (type(payload).__name__, piece)
        assert "<!" not in piece or pings_allowed, (type(payload).__name__, piece)
        for target in MENTION.findall(piece):
            assert target in ids, (type(payload).__name__, piece)


def test_every_message_kind_is_exercised() -> None:
    assert len(PAYLOADS) == len(Payload.registry) - len(SKIPPED) >= 25
