"""Values the bot puts in Slack and reads back: button values and modal private_metadata, one encode/decode pair each.

Slack returns these verbatim, but a request can be forged by anyone holding a valid signature (a replayed or
hand-edited payload) or be stale (a card rendered before a release): every decoder checks what it reads and
raises `BadValue`, which handlers answer with a clear message (ephemeral, or inline on the form) and one
WARNING line, never a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any, TypeVar

from slackbot.domain.errors import DomainError
from slackbot.domain.lifecycle import Action, Stage

MAX_ID = 2**31 - 1
MAX_METADATA = 3000  # Slack's private_metadata limit
_DIGITS = re.compile(r"^[1-9][0-9]{0,9}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SLACK_ID = re.compile(r"^[A-Z0-9]{2,24}$")
_TS = re.compile(r"^[0-9]{1,12}\.[0-9]{1,8}$")
M = TypeVar("M")


class BadValue(DomainError):
    """A value Slack sent back is not one the bot made: forged, mangled, or from an outdated message."""

    def __init__(self, what: str) -> None:
        super().__init__("That button or form is out of date or was not made by me, so nothing was changed. "
                         "Open it again from a fresh message (or `/devcenter help`).")  # fmt: skip
        self.what = what


def encode_id(value: int) -> str:
    """A row id as a button value."""
    return str(value)


def decode_id(value: object, what: str = "id") -> int:
    """A positive row id (1 … 2^31-1) from a button value."""
    if not isinstance(value, str) or not _DIGITS.match(value) or int(value) > MAX_ID:
        raise BadValue(what)
    return int(value)


def encode_card(subject_id: int, stage: Stage) -> str:
    """A staff card button's value: the subject and the stage the card showed."""
    return f"{subject_id}:{stage.value}"


def decode_card(value: object) -> tuple[int, Stage]:
    """(subject id, stage the card showed) from a staff card button."""
    if not isinstance(value, str) or value.count(":") != 1:
        raise BadValue("card button")
    subject, stage = value.split(":")
    try:
        return decode_id(subject, "card button"), Stage(stage)
    except ValueError:
        raise BadValue("card button") from None


def decode_stage(value: object) -> Stage:
    """A lifecycle stage the bot knows (from a modal's private_metadata)."""
    if not isinstance(value, str):
        raise BadValue("form")
    try:
        return Stage(value)
    except ValueError:
        raise BadValue("form") from None


def decode_action(action_id: object, prefix: str) -> Action:
    """The lifecycle action of a staff button (its action_id is prefix + action)."""
    if not isinstance(action_id, str) or not action_id.startswith(prefix):
        raise BadValue("button")
    try:
        return Action(action_id.removeprefix(prefix))
    except ValueError:
        raise BadValue("button") from None


def decode_slug(value: object) -> str:
    """An integration slug from a button value."""
    if not isinstance(value, str) or len(value) > 64 or not _SLUG.match(value):
        raise BadValue("integration")
    return value


def decode_optional_slug(value: object) -> str | None:
    """A slug, or None when the button carries none (the partner's only integration)."""
    return None if value in (None, "") else decode_slug(value)


def decode_day(value: object) -> date:
    """A release day (YYYY-MM-DD) from a button value."""
    if not isinstance(value, str) or len(value) != 10:
        raise BadValue("release day")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadValue("release day") from None


def decode_event(body: Mapping[str, Any], event: Mapping[str, Any]) -> tuple[str, str, str]:
    """An Events API delivery's event id, channel and text; BadValue when a field is missing or not a string."""
    event_id, channel, text = body.get("event_id"), event.get("channel"), event.get("text", "")
    if not isinstance(event_id, str) or not event_id or not isinstance(channel, str) or not channel:
        raise BadValue("That event is missing its id or its channel.")
    if not isinstance(text, str):
        raise BadValue("That message has no text.")
    return event_id, channel, text


@dataclass(frozen=True)
class NoteMeta:
    """The reason modal of a staff decision: which card, which action, where the card is."""

    action: str
    subject_id: int
    stage: str
    channel: str
    ts: str


@dataclass(frozen=True)
class SlugMeta:
    """A modal about one integration, and whether it was opened from App Home (to refresh it after saving)."""

    slug: str
    home: bool = False


@dataclass(frozen=True)
class WithdrawMeta:
    """The withdraw confirmation: which integration, the stage it showed, and whether it was opened from App Home."""

    slug: str
    stage: str
    home: bool = False


@dataclass(frozen=True)
class RequestMeta:
    """The answer modal of a staff request, and whether it was opened from App Home (to refresh it after sending)."""

    request_id: int
    home: bool = False


@dataclass(frozen=True)
class AnnouncementMeta:
    """The preview modal of an announcement."""

    announcement_id: int


@dataclass(frozen=True)
class FaqMeta:
    """Save as FAQ: where the staff answer was posted."""

    channel: str
    message_ts: str
    section: str


def encode_meta(meta: object) -> str:
    """A metadata dataclass as private_metadata JSON."""
    return json.dumps(asdict(meta))  # type: ignore[call-overload]


def decode_meta(cls: type[M], raw: object) -> M:
    """private_metadata back into its dataclass, every field checked; BadValue otherwise."""
    try:
        data = json.loads(raw) if isinstance(raw, str) and len(raw) <= MAX_METADATA else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise BadValue("form")
    values = {}
    for field in fields(cls):  # type: ignore[arg-type]
        value = data.get(field.name, field.default)
        if not _fits(field.name, field.type, value):
            raise BadValue("form")
        values[field.name] = value
    meta = cls(**values)
    _check(meta)
    return meta


def _fits(name: str, kind: object, value: object) -> bool:
    if kind in ("int", int):
        return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID
    if kind in ("bool", bool):
        return isinstance(value, bool)
    return isinstance(value, str) and 0 < len(value) <= 300


def _check(meta: object) -> None:
    """Field rules beyond their types (ids Slack made, stages and actions the bot knows)."""
    if isinstance(meta, NoteMeta):
        decode_action(meta.action, "")
        decode_card(f"{meta.subject_id}:{meta.stage}")
        if not _SLACK_ID.match(meta.channel) or not _TS.match(meta.ts):
            raise BadValue("form")
    elif isinstance(meta, SlugMeta):
        decode_slug(meta.slug)
    elif isinstance(meta, WithdrawMeta):
        decode_stage(meta.stage)
        decode_slug(meta.slug)
    elif isinstance(meta, FaqMeta) and (not _SLACK_ID.match(meta.channel) or not _TS.match(meta.message_ts)):
        raise BadValue("form")
