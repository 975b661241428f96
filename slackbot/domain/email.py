"""Partner emails: their kinds, the typed facts each one needs, and a check of addresses (standard library only)."""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Self, get_args, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class EmailKind(StrEnum):
    """One value per partner email template."""

    WELCOME = "welcome"
    SUBMISSION_ACK = "submission_ack"
    REPLAY_INFO_REQUEST = "replay_info_request"
    OAUTH_REQUEST = "oauth_request"
    PRIVATE_BETA = "private_beta"
    PUBLIC_BETA_APPROVED = "public_beta_approved"
    PUBLIC_APPROVED = "public_approved"
    CHANGES_REQUESTED = "changes_requested"


@dataclass(frozen=True)
class RenderedEmail:
    """An email ready to be composed: a one-line subject, a plain-text body and an HTML body."""

    subject: str
    text: str
    html: str


@dataclass(frozen=True, kw_only=True)
class PartnerFacts:
    """What every partner email knows: who it is for, the program's timezone, the partner's Slack channel."""

    partner_name: str
    timezone: str
    slack_channel: str | None = None

    def __post_init__(self) -> None:
        hints = get_type_hints(type(self))
        for field in fields(self):
            _check(f"{type(self).__name__}.{field.name}", hints[field.name], getattr(self, field.name))
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"{type(self).__name__}.timezone: unknown timezone {self.timezone!r}") from exc

    def to_dict(self) -> dict[str, str | int | None]:
        """The facts as a JSON-safe dict (dates and times as ISO 8601 strings)."""
        return {field.name: _encode(getattr(self, field.name)) for field in fields(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Self:
        """Facts from a dict made by to_dict; ValueError when a field is missing, unknown or of the wrong type."""
        if not isinstance(data, Mapping):
            raise ValueError(f"{cls.__name__}: expected a dict, got {type(data).__name__}")
        known = {field.name: field for field in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"{cls.__name__}: unknown fields {', '.join(map(str, unknown))}")
        missing = sorted(name for name, field in known.items() if name not in data and field.default is MISSING)
        if missing:
            raise ValueError(f"{cls.__name__}: missing fields {', '.join(missing)}")
        hints = get_type_hints(cls)
        values: dict[str, Any] = {name: _decode(cls, name, hints[name], value) for name, value in data.items()}
        return cls(**values)  # each value's type is checked by __post_init__


@dataclass(frozen=True, kw_only=True)
class WelcomeFacts(PartnerFacts):
    """Access approved: welcome to the program."""


@dataclass(frozen=True, kw_only=True)
class IntegrationFacts(PartnerFacts):
    """What every email about one integration knows."""

    integration_name: str
    slug: str


@dataclass(frozen=True, kw_only=True)
class SubmissionAckFacts(IntegrationFacts):
    """A submission was received: its pull request and when the review is due."""

    pr_url: str
    review_due: datetime


@dataclass(frozen=True, kw_only=True)
class ReplayInfoRequestFacts(IntegrationFacts):
    """Staff ask how the destination copes with replayed data; `note` is what they added."""

    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class OAuthRequestFacts(IntegrationFacts):
    """Staff ask for Enable with Segment (OAuth); `customers` is how many use the integration, when known."""

    note: str | None = None
    customers: int | None = None


@dataclass(frozen=True, kw_only=True)
class PrivateBetaFacts(IntegrationFacts):
    """The integration shipped in a release and is in private beta at its URL."""

    private_beta_url: str
    release_date: date


@dataclass(frozen=True, kw_only=True)
class PublicBetaApprovedFacts(IntegrationFacts):
    """The integration is listed in the catalog as public beta."""


@dataclass(frozen=True, kw_only=True)
class PublicApprovedFacts(IntegrationFacts):
    """The integration is public (generally available)."""


@dataclass(frozen=True, kw_only=True)
class ChangesRequestedFacts(IntegrationFacts):
    """The review asks for changes: the reason, and the pull request when known."""

    reason: str
    pr_url: str | None = None


EmailFacts = (
    WelcomeFacts
    | SubmissionAckFacts
    | ReplayInfoRequestFacts
    | OAuthRequestFacts
    | PrivateBetaFacts
    | PublicBetaApprovedFacts
    | PublicApprovedFacts
    | ChangesRequestedFacts
)

FACTS: Mapping[EmailKind, type[EmailFacts]] = types.MappingProxyType(
    {
        EmailKind.WELCOME: WelcomeFacts,
        EmailKind.SUBMISSION_ACK: SubmissionAckFacts,
        EmailKind.REPLAY_INFO_REQUEST: ReplayInfoRequestFacts,
        EmailKind.OAUTH_REQUEST: OAuthRequestFacts,
        EmailKind.PRIVATE_BETA: PrivateBetaFacts,
        EmailKind.PUBLIC_BETA_APPROVED: PublicBetaApprovedFacts,
        EmailKind.PUBLIC_APPROVED: PublicApprovedFacts,
        EmailKind.CHANGES_REQUESTED: ChangesRequestedFacts,
    }
)


def facts_from_dict(kind: EmailKind | str, data: Mapping[str, object]) -> EmailFacts:
    """The facts of an email of `kind` from a stored dict; ValueError for an unknown kind or a bad dict."""
    try:
        facts_type = FACTS[EmailKind(kind)]
    except ValueError as exc:
        raise ValueError(f"unknown email kind {kind!r}") from exc
    return facts_type.from_dict(data)


def kind_of(facts: EmailFacts) -> EmailKind:
    """The email kind these facts belong to."""
    return next(kind for kind, facts_type in FACTS.items() if type(facts) is facts_type)


def _base(hint: object) -> tuple[type, bool]:
    """(the field's type, whether None is allowed) for `str`, `str | None`, `datetime` …"""
    args = get_args(hint)
    if args:
        return next(a for a in args if a is not type(None)), type(None) in args
    assert isinstance(hint, type)
    return hint, False


def _check(where: str, hint: object, value: object) -> None:
    kind, optional = _base(hint)
    if value is None:
        if not optional:
            raise ValueError(f"{where} is required")
        return
    if (kind is date and isinstance(value, datetime)) or not isinstance(value, kind) or isinstance(value, bool):
        raise ValueError(f"{where} must be {kind.__name__}, not {type(value).__name__}")
    if isinstance(value, datetime) and value.utcoffset() is None:
        raise ValueError(f"{where} must be timezone-aware")
    if isinstance(value, str) and not optional and not value.strip():
        raise ValueError(f"{where} must not be blank")


def _encode(value: object) -> str | int | None:
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    assert value is None or isinstance(value, str | int)
    return value


def _decode(owner: type, name: str, hint: object, value: object) -> object:
    kind, _ = _base(hint)
    if value is None or kind not in (date, datetime):
        return value  # checked by the dataclass itself
    if not isinstance(value, str):
        raise ValueError(f"{owner.__name__}.{name} must be an ISO 8601 string")
    try:
        return datetime.fromisoformat(value) if kind is datetime else date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{owner.__name__}.{name}: {value!r} is not an ISO 8601 {kind.__name__}") from exc


_ATEXT = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
EXAMPLE = "pat@acme.com"


def email_problem(text: str) -> str | None:
    """Why `text` is not an email address Segment can write to, or None (a syntax check: no DNS look-up)."""
    if not text:
        return "An email address is required."
    if "<" in text or ">" in text:
        return f"Enter the address alone, without a name or angle brackets (for example {EXAMPLE})."
    if any(c.isspace() for c in text):
        return f"An email address has no spaces or line breaks (for example {EXAMPLE})."
    if not text.isascii():
        return "Use the plain ASCII form of the address (accented letters are not accepted here)."
    if text.count("@") != 1:
        return f"An email address has exactly one @ (for example {EXAMPLE})."
    if len(text) > 254:
        return "An email address has at most 254 characters."
    local, domain = text.split("@")
    if not local or len(local) > 64 or not _ATEXT.fullmatch(local):
        return (
            f"The part before @ ({local or 'empty'}) is not valid: letters, digits and . _ % + - are fine, "
            "but no leading, trailing or double dots."
        )
    return _domain_problem(domain)


def _domain_problem(domain: str) -> str | None:
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return f"The part after @ ({domain or 'empty'}) must be a domain name like acme.com."
    if labels[-1].isdigit():
        return f"The part after @ ({domain}) must be a domain name, not an IP address."
    return None
