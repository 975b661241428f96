"""The access request: the partner survey of the Public Beta checklist and its rules (stdlib only)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from slackbot.domain.errors import InvalidInput

WEBSITE_HOST = re.compile(r"^(?=.{4,253}$)([a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)


MAX_ANSWER = 1000


# The partner survey of the Public Beta checklist ("1. Partner Access").
SURVEY_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("company", "Company name"),
    ("website", "Company website"),
    ("data_in", "How do your customers get data into your tool?"),
    ("data_out", "Where will data sent by Segment go and how will it show up in your tool?"),
    ("use_cases", "Please explain what your customers use your tool to do"),
    ("heard_from", "How did you hear about Segment?"),
)


AGREEMENT = "agreement"


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
    clean = {key: (values.get(key) or "").strip() for key, _ in SURVEY_QUESTIONS}
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
