"""A customer verification as typed into the modal, and its rules (stdlib only; errors keyed by field)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from slackbot.domain.errors import InvalidInput


class VerificationStatus(StrEnum):
    """A recorded verification waits for staff, who confirm or reject it."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


MAX_TEXT, MAX_NOTES = 200, 1000


class VerificationField(StrEnum):
    """The fields of the verification modal; also its block ids."""

    CUSTOMER = "customer"
    WORKSPACE = "workspace"
    CONTACT = "contact"
    VERIFIED_ON = "verified_on"
    NOTES = "notes"


FIELDS = tuple(VerificationField)


@dataclass(frozen=True)
class Verification:
    """A valid verification: which customer, in which Segment workspace, who to ask, when."""

    customer: str
    workspace: str  # the workspace name or slug, lowercased: one verification per workspace
    contact: str
    verified_on: date
    notes: str | None


def parse_verification(values: dict[str, object], today: date) -> Verification:
    """Validate the verification modal; raise InvalidInput keyed by field."""
    text: dict[str, str] = {str(key): str(values.get(key) or "").strip() for key in FIELDS}
    errors: dict[str, str] = {}
    for key, what in (
        ("customer", "the customer's company"),
        ("workspace", "their Segment workspace"),
        ("contact", "who we can ask there (name and email)"),
    ):
        if not text[key]:
            errors[key] = f"Give {what}."
        elif len(text[key]) > MAX_TEXT:
            errors[key] = f"Keep it under {MAX_TEXT} characters."
    verified_on = None
    try:
        verified_on = date.fromisoformat(text["verified_on"])
    except ValueError:
        errors["verified_on"] = "Pick the date the customer verified the integration."
    if verified_on is not None and verified_on > today:
        errors["verified_on"] = "The verification date cannot be in the future."
    if len(text["notes"]) > MAX_NOTES:
        errors["notes"] = f"Keep the notes under {MAX_NOTES} characters."
    if errors:
        raise InvalidInput(errors)
    assert verified_on is not None
    return Verification(
        text["customer"], text["workspace"].lower(), text["contact"], verified_on, text["notes"] or None
    )
