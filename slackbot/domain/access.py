"""The access request: the partner survey of the Public Beta checklist and its rules (stdlib only)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlparse

from slackbot.domain.errors import InvalidInput

WEBSITE_HOST = re.compile(r"^(?=.{4,253}$)([a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)


MAX_ANSWER = 1000


class AccessField(StrEnum):
    """The fields of the access survey; also the block ids of its modal."""

    COMPANY = "company"
    WEBSITE = "website"
    DATA_IN = "data_in"
    DATA_OUT = "data_out"
    USE_CASES = "use_cases"
    HEARD_FROM = "heard_from"
    AGREEMENT = "agreement"


# The partner survey of the Public Beta checklist ("1. Partner Access").
SURVEY_QUESTIONS: tuple[tuple[AccessField, str], ...] = (
    (AccessField.COMPANY, "Company name"),
    (AccessField.WEBSITE, "Company website"),
    (AccessField.DATA_IN, "How do your customers get data into your tool?"),
    (AccessField.DATA_OUT, "Where will data sent by Segment go and how will it show up in your tool?"),
    (AccessField.USE_CASES, "Please explain what your customers use your tool to do"),
    (AccessField.HEARD_FROM, "How did you hear about Segment?"),
)
AGREEMENT = AccessField.AGREEMENT


@dataclass(frozen=True)
class AccessRequest:
    """A valid partner survey."""

    company: str
    website: str
    answers: dict[str, str]


def website_problem(url: str) -> str | None:
    """Why `url` is not a usable company website, or None."""
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not WEBSITE_HOST.match(parsed.hostname or ""):
        return "Enter your company website as a full URL, like https://acme.example.com."
    return None


def parse_access_request(values: dict[str, str | None], agreed: bool) -> AccessRequest:
    """Validate the survey; raise InvalidInput keyed by field."""
    clean: dict[str, str] = {str(key): (values.get(key) or "").strip() for key, _ in SURVEY_QUESTIONS}
    errors = {key: "Please answer this question." for key, value in clean.items() if not value}
    errors.update(
        {key: f"Keep it under {MAX_ANSWER} characters." for key, value in clean.items() if len(value) > MAX_ANSWER}
    )
    if clean["company"] and len(clean["company"]) > 200:
        errors["company"] = "Keep the company name under 200 characters."
    if clean["website"] and (problem := website_problem(clean["website"])):
        errors["website"] = problem
    if not agreed:
        errors[AGREEMENT] = "You need to agree to the Partner Program Agreement and the Privacy Policy."
    if errors:
        raise InvalidInput(errors)
    return AccessRequest(clean["company"], clean["website"], clean)
