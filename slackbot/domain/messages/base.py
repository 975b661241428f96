"""Outbox messages: their kinds and states, and the typed payload every kind carries (stdlib only).

A payload is a frozen dataclass; `to_dict` makes it JSON for the outbox row, `from_dict` reads it back, checking
every field against its annotation (str, int, float, bool, date, datetime, enums, tuples, nested dataclasses,
`X | None`), so a row that was tampered with or written by older code fails loudly instead of rendering nonsense.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any, ClassVar, Self


class OutboxStatus(StrEnum):
    """Where an outbox message stands."""

    PENDING = "pending"
    MAYBE_SENT = "maybe_sent"  # an attempt's outcome is unknown (answer lost, 5xx): reconcile before posting again
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"  # not sent on purpose (an email while SMTP_URL is unset): kept, counted, never retried


UNDELIVERED = frozenset({OutboxStatus.PENDING, OutboxStatus.MAYBE_SENT})  # the worker still owes these


class MessageKind(StrEnum):
    """One value per payload class (and so per renderer)."""

    WELCOME_CHANNEL = "welcome_channel"
    WELCOME_DM = "welcome_dm"
    STAFF_ALERT = "staff_alert"
    ACCESS_CARD = "access_card"  # staff: a new access request with Approve / Decline
    ACCESS_RECEIVED = "access_received"
    ACCESS_APPROVED = "access_approved"
    ACCESS_DECLINED = "access_declined"
    REVIEW_CARD = "review_card"  # staff: a submission with the review buttons
    SUBMISSION_ACK = "submission_ack"
    CHANGES_REQUESTED = "changes_requested"
    REPLAY_INFO_REQUEST = "replay_info_request"
    OAUTH_REQUEST = "oauth_request"
    REVIEW_APPROVED = "review_approved"
    MERGED = "merged"
    REQUEST_ANSWER = "request_answer"  # staff thread: the partner's answer to a staff request
    CARD_SUPERSEDED = "card_superseded"  # replaces an older review card (it edits the parent message)
    CARD_UPDATED = "card_updated"  # re-renders a live card after a change made elsewhere (it edits the card)
    REQUEST_ANSWERED = "request_answered"  # partner: a staff request, answered (edits it: no Answer button)
    INTEGRATION_WITHDRAWN = "integration_withdrawn"  # partner and the card's thread: an integration was withdrawn
    PRIVATE_BETA = "private_beta"  # partner: shipped, with the private-beta URL
    RELEASE_CARD = "release_card"  # staff: release day, with "Mark release shipped"
    ANNOUNCEMENT = "announcement"  # channel-wide announcement written by staff
    RELEASE_ANNOUNCEMENT = "release_announcement"  # a release shipped: what is now in private beta
    CUTOFF_REMINDER = "cutoff_reminder"  # partner: approved, not merged, cutoff today
    REVIEW_OVERDUE = "review_overdue"  # staff: a review passed its due date
    PUBLIC_BETA_APPROVED = "public_beta_approved"  # partner: listed in the catalog as public beta
    PUBLIC_APPROVED = "public_approved"  # partner: public (GA), New & Noteworthy
    VERIFICATION_CARD = "verification_card"  # staff: a customer verification with Confirm / Reject
    VERIFICATION_CONFIRMED = "verification_confirmed"  # partner: staff confirmed a verification
    VERIFICATION_REJECTED = "verification_rejected"  # partner: staff could not confirm it
    QA_ESCALATION = "qa_escalation"  # staff: a partner question the bot could not answer (or a person was asked)
    QA_STAFF_REPLY = "qa_staff_reply"  # partner: a staff reply to that question, relayed
    EVENT_REPLY = "event_reply"  # anyone: the answer to an @mention or a DM, drawn when the event arrived
    GITHUB_CLOSED = "github_closed"  # partner and staff: the pull request was closed without merging
    GITHUB_PUSHED = "github_pushed"  # staff card thread: new commits while changes are requested
    PARTNER_EMAIL = "partner_email"  # partner: an email to its contact address (delivered over SMTP, not Slack)


class Payload:
    """Base of every outbox payload class: set `kind`; the subclass is a frozen dataclass."""

    kind: ClassVar[MessageKind]
    edits_parent: ClassVar[bool] = False  # delivered by editing the message it threads on, not by posting
    registry: ClassVar[dict[MessageKind, type[Payload]]] = {}

    def visible_only_to(self) -> str | None:
        """A user id when the message is ephemeral (only that user sees it); None for a normal post."""
        return None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            if cls.kind in Payload.registry:
                raise TypeError(f"two payload classes for {cls.kind}")
            Payload.registry[cls.kind] = cls

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form for the outbox row."""
        return {f.name: _dump(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Inverse of to_dict; ValueError naming the field when a value is missing or of the wrong type."""
        loaded: Self = _load_dataclass(cls, data)
        return loaded


def payload_class(kind: str) -> type[Payload]:
    """The payload class of a kind; ValueError for an unknown kind."""
    return Payload.registry[MessageKind(kind)]


def load_payload(kind: str, data: Mapping[str, Any]) -> Payload:
    """The typed payload of an outbox row."""
    return payload_class(kind).from_dict(data)


def _dump(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_dump(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def _load_dataclass(cls: type[Any], data: Any) -> Any:
    if not isinstance(data, Mapping):
        raise ValueError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    values = {}
    for field in dataclasses.fields(cls):
        if field.name not in data:
            if field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING:
                continue
            raise ValueError(f"{cls.__name__}.{field.name} is missing")
        try:
            values[field.name] = _load(hints[field.name], data[field.name])
        except (TypeError, ValueError) as error:
            raise ValueError(f"{cls.__name__}.{field.name}: {error}") from None
    return cls(**values)


def _load(hint: Any, value: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        return _load(next(a for a in args if a is not type(None)), value)
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list, got {type(value).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], v) for v in value)
        if len(args) != len(value):
            raise ValueError(f"expected {len(args)} items")
        return tuple(_load(a, v) for a, v in zip(args, value, strict=True))
    if dataclasses.is_dataclass(hint):
        return _load_dataclass(hint, value)  # type: ignore[arg-type]
    if origin is dict:
        if not isinstance(value, dict):
            raise ValueError(f"expected an object, got {type(value).__name__}")
        return dict(value)
    return _scalar(hint, value)


def _scalar(hint: Any, value: Any) -> Any:
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is datetime:
        moment = datetime.fromisoformat(_text(value))
        if moment.tzinfo is None:
            raise ValueError("a naive datetime")
        return moment
    if hint is date:
        return date.fromisoformat(_text(value))
    if hint is bool and isinstance(value, bool):
        return value
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if hint is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if hint is str and isinstance(value, str):
        return value
    if hint is Any:
        return value
    raise ValueError(f"expected {getattr(hint, '__name__', hint)}, got {type(value).__name__}")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 string, got {type(value).__name__}")
    return value
