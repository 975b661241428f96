"""The access request: the partner survey of the Public Beta checklist and its rules (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from slackbot.domain.email import email_problem
from slackbot.domain.errors import InvalidInput
from slackbot.domain.releases import load_zone, require_aware
from slackbot.domain.urls import normalize_website

MAX_ANSWER = 1000
SUPPORT_EMAIL = "partner-support@segment.com"  # where a declined company asks about the decision
REAPPLY_AFTER = timedelta(days=90)  # a declined company may apply again this long after the decision


def reapply_from(declined_at: datetime, timezone: str) -> date:
    """The first day (in the program's timezone) a company declined at `declined_at` may apply again."""
    require_aware(declined_at, "declined_at")
    return (declined_at + REAPPLY_AFTER).astimezone(load_zone(timezone)).date()


def may_reapply(declined_at: datetime, now: datetime, timezone: str) -> bool:
    """Whether a company declined at `declined_at` may apply again at `now`."""
    require_aware(now, "now")
    return now.astimezone(load_zone(timezone)).date() >= reapply_from(declined_at, timezone)


class AccessField(StrEnum):
    """The fields of the access survey; also the block ids of its modal."""

    COMPANY = "company"
    WEBSITE = "website"
    EMAIL = "email"
    DATA_IN = "data_in"
    DATA_OUT = "data_out"
    USE_CASES = "use_cases"
    HEARD_FROM = "heard_from"
    AGREEMENT = "agreement"


# The partner survey of the Public Beta checklist ("1. Partner Access").
SURVEY_QUESTIONS: tuple[tuple[AccessField, str], ...] = (
    (AccessField.COMPANY, "Company name"),
    (AccessField.WEBSITE, "Company website"),
    (AccessField.EMAIL, "Company email"),
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
    email: str = ""  # the contact address partner emails go to


def website_problem(url: str) -> str | None:
    """Why `url` is not a usable company website, or None (see `slackbot.domain.urls.normalize_website`)."""
    try:
        normalize_website(url)
    except ValueError as error:
        return str(error)
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
    if clean["website"]:
        try:
            clean["website"] = normalize_website(clean["website"])
        except ValueError as error:
            errors["website"] = str(error)
    if clean["email"] and (problem := email_problem(clean["email"])):
        errors["email"] = problem
    if not agreed:
        errors[AGREEMENT] = "You need to agree to the Partner Program Agreement and the Privacy Policy."
    if errors:
        raise InvalidInput(errors)
    return AccessRequest(clean["company"], clean["website"], clean, clean["email"])
