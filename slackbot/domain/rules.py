"""Input rules from the program docs: slugs, pull request URLs, integration kinds (stdlib only)."""

from __future__ import annotations

import re
from enum import StrEnum

PR_URL = re.compile(r"^https://github\.com/segmentio/action-destinations/pull/(?P<number>[1-9][0-9]*)/?$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
SLACK_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
PRIVATE_BETA_URL = "https://app.segment.com/goto-my-workspace/destinations/catalog/{slug}"


class Kind(StrEnum):
    """Kinds of destination Developer Center builds (mobile device-mode is not one of them)."""

    CLOUD = "cloud"
    WEB_DEVICE = "web_device"


KIND_LABELS = {Kind.CLOUD: "Cloud-mode destination", Kind.WEB_DEVICE: "Web device-mode destination"}
MOBILE_REFUSAL = (
    "Developer Center does not support device-mode mobile destinations. Segment recommends a cloud-mode "
    "destination, plus a plugin if you need device data such as the session ID."
)


def slug_problem(slug: str) -> str | None:
    """Why `slug` is not a valid integration slug, or None."""
    if not slug:
        return "A slug is required."
    if len(slug) > 64:
        return "Keep the slug to 64 characters or fewer."
    if not SLUG.fullmatch(slug):
        return "Use lowercase letters, digits and single hyphens only (for example acme-analytics)."
    return None


def pr_url_problem(url: str) -> str | None:
    """Why `url` is not a pull request on segmentio/action-destinations, or None."""
    if not PR_URL.fullmatch(url.strip()):
        return "Give the pull request URL, like https://github.com/segmentio/action-destinations/pull/1234."
    return None


def private_beta_url(slug: str) -> str:
    """The catalog URL that reaches a destination during private beta."""
    return PRIVATE_BETA_URL.format(slug=slug)
