"""Catalog metadata (the overview's "Provide integration metadata for the catalog") and its checker (stdlib only).

The checker names exactly what is missing or wrong, keyed by the metadata modal's field (block) ids, so the
same problems serve as inline modal errors and as the "still missing" list in App Home and status.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from slackbot.domain.access import website_problem
from slackbot.domain.reviews import pr_url_problem
from slackbot.domain.urls import normalize_pr_url, normalize_website

# The 22 catalog categories, exactly as the Developer Center overview lists them.
CATEGORIES: tuple[str, ...] = (
    "A/B Testing",
    "Advertising",
    "Analytics",
    "Attribution",
    "CRM",
    "Customer Success",
    "Deep Linking",
    "Email Marketing",
    "Enrichment",
    "Feature Flagging",
    "Heatmaps & Recordings",
    "Live chat",
    "Marketing Automation",
    "Performance Monitoring",
    "Personalization",
    "Raw Data",
    "Referrals",
    "Security & Fraud",
    "SMS & Push Notifications",
    "Surveys",
    "Tag Managers",
    "Video",
)
MAX_DESCRIPTION = 500
MAX_NAME = 100
MAX_SHORT = 300  # URLs, email, test account fields
MAX_SVG = 200_000  # characters; a logo is a few kilobytes
NO_CATEGORY = "none"  # the secondary select's "no secondary category" option
EMAIL = re.compile(r"^[^@\s<>]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
SVG_NS = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class Field(StrEnum):
    """Metadata fields; also the block ids of the metadata modal."""

    NAME = "name"
    PR_URL = "pr_url"
    DESCRIPTION = "description"
    WEBSITE = "website"
    PRIMARY = "primary_category"
    SECONDARY = "secondary_category"
    CATEGORIES = "categories"
    LOGO = "logo_svg"
    MARK = "mark_svg"
    SUPPORT_EMAIL = "support_email"
    TEST_USERNAME = "test_username"
    TEST_PASSWORD = "test_password"
    TEST_NOTES = "test_notes"


LABELS = {
    Field.NAME: "name",
    Field.PR_URL: "pull request link",
    Field.DESCRIPTION: "description",
    Field.WEBSITE: "website",
    Field.PRIMARY: "primary category",
    Field.SECONDARY: "secondary category",
    Field.CATEGORIES: "categories",
    Field.LOGO: "logo",
    Field.MARK: "mark",
    Field.SUPPORT_EMAIL: "support email",
    Field.TEST_USERNAME: "test account username",
    Field.TEST_PASSWORD: "test account password",
    Field.TEST_NOTES: "test account notes",
}
SECRET_FIELDS = (Field.SUPPORT_EMAIL, Field.TEST_USERNAME, Field.TEST_PASSWORD, Field.TEST_NOTES)
KEPT_WHEN_BLANK = (Field.LOGO, Field.MARK, *SECRET_FIELDS)  # never prefilled in the modal: blank keeps them


@dataclass(frozen=True)
class Problem:
    """One thing missing or wrong in the metadata."""

    field: Field
    message: str
    missing: bool  # True: not given yet; False: given but wrong


@dataclass(frozen=True)
class CatalogMetadata:
    """What the catalog entry needs; secrets are excluded from repr so they never reach a log line."""

    name: str = ""
    pr_url: str = ""
    description: str = ""
    website: str = ""
    categories: tuple[str, ...] = ()
    logo_svg: str = field(default="", repr=False)
    mark_svg: str = field(default="", repr=False)
    support_email: str = field(default="", repr=False)
    test_username: str = field(default="", repr=False)
    test_password: str = field(default="", repr=False)
    test_notes: str = field(default="", repr=False)

    @property
    def has_test_account(self) -> bool:
        """Username and password for Segment's testers are on file."""
        return bool(self.test_username and self.test_password)


def svg_root(text: str) -> ElementTree.Element | None:
    """The root <svg> element of `text`, or None when it is not an SVG document."""
    body = text.strip().lstrip("\ufeff")
    if not body.startswith("<") or "<!ENTITY" in body.upper():  # no entity tricks (billion laughs)
        return None
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return None
    return root if root.tag in (f"{SVG_NS}svg", "svg") else None


def view_box(root: ElementTree.Element) -> tuple[float, float] | None:
    """(width, height) from the viewBox attribute, or None when absent or malformed."""
    parts = [p for p in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if p]
    if len(parts) != 4 or not all(NUMBER.match(p) for p in parts):
        return None
    width, height = float(parts[2]), float(parts[3])
    return (width, height) if width > 0 and height > 0 else None


def _has_script(root: ElementTree.Element) -> bool:
    return any(
        el.tag.removeprefix(SVG_NS) == "script" or any(a.lower().startswith("on") for a in el.attrib)
        for el in root.iter()
    )


def svg_problem(text: str, what: str, *, square: bool) -> str | None:
    """Why `text` is not a usable logo (or, with square=True, mark), or None."""
    if len(text) > MAX_SVG:
        return f"The {what} is too large ({len(text):,} characters); keep it under {MAX_SVG:,}."
    root = svg_root(text)
    if root is None:
        return f"The {what} is not an SVG file: paste the SVG markup (it starts with <svg …>) or upload a .svg file."
    if _has_script(root):
        return f"The {what} contains scripts or event handlers; the catalog accepts plain SVG artwork only."
    if square:
        box = view_box(root)
        if box is None:
            return f'The {what} has no usable viewBox, so its shape cannot be checked; add viewBox="0 0 N N".'
        if abs(box[0] - box[1]) > 1e-6 * max(box):
            return f"The {what} must be square; its viewBox is {box[0]:g}×{box[1]:g}."
    return None


def _category_problems(categories: tuple[str, ...]) -> list[Problem]:
    if not categories:
        return [Problem(Field.PRIMARY, "Choose a primary category.", True)]
    problems = []
    if len(categories) > 2:
        problems.append(
            Problem(
                Field.CATEGORIES,
                f"Choose at most two categories (a primary and an optional secondary); {len(categories)} were given.",
                False,
            )
        )
    for index, category in enumerate(categories[:2]):
        where = Field.PRIMARY if index == 0 else Field.SECONDARY
        if category not in CATEGORIES:
            problems.append(Problem(where, f"“{category[:60]}” is not one of the 22 catalog categories.", False))
    if len(categories) >= 2 and categories[0] == categories[1]:
        problems.append(Problem(Field.SECONDARY, "The secondary category must differ from the primary.", False))
    return problems


def _too_long(limit: int, what: str) -> Callable[[str], str | None]:
    return lambda value: f"Keep {what} to {limit} characters." if len(value) > limit else None


def _description_problem(value: str) -> str | None:
    if len(value) > MAX_DESCRIPTION:
        return f"The description is {len(value)} characters; keep it to {MAX_DESCRIPTION}."
    return None


def _email_problem(value: str) -> str | None:
    return None if EMAIL.match(value.strip()) else "The support email is not an email address."


# (field, what to say when it is empty, what is wrong with a value), in the order of the modal
REQUIRED: tuple[tuple[Field, str, Callable[[str], str | None] | None], ...] = (
    (Field.NAME, "Give the integration's catalog name.", _too_long(MAX_NAME, "the name")),
    (Field.PR_URL, "Link your most recent action-destinations pull request.", pr_url_problem),
    (Field.DESCRIPTION, "Write a description (up to 500 characters).", _description_problem),
    (Field.WEBSITE, "Give your company or product website.", website_problem),
    (Field.CATEGORIES, "", None),  # checked by _category_problems, here for the order
    (Field.LOGO, "Provide the logo (SVG, your company name, horizontal lockup).",
     lambda value: svg_problem(value, "logo", square=False)),
    (Field.MARK, "Provide the mark (square SVG without your company name).",
     lambda value: svg_problem(value, "mark", square=True)),
    (Field.SUPPORT_EMAIL, "Give a customer support email address.", _email_problem),
    (Field.TEST_USERNAME, "Give the username of a test account for Segment's testers.", None),
    (Field.TEST_PASSWORD, "Give the password of that test account.", None),
)  # fmt: skip
SHORT_FIELDS = (Field.PR_URL, Field.WEBSITE, Field.SUPPORT_EMAIL, Field.TEST_USERNAME, Field.TEST_PASSWORD)


def check(metadata: CatalogMetadata) -> tuple[Problem, ...]:
    """Everything missing or wrong, in the order of the modal; empty when the metadata is complete."""
    problems: list[Problem] = []
    for where, missing, wrong_value in REQUIRED:
        if where is Field.CATEGORIES:
            problems += _category_problems(metadata.categories)
            continue
        value: str = getattr(metadata, where.value)
        if not value.strip():
            problems.append(Problem(where, missing, True))
        elif wrong_value is not None and (problem := wrong_value(value)):
            problems.append(Problem(where, problem, False))
    for where in SHORT_FIELDS:  # the database keeps 300 characters of these
        if len(getattr(metadata, where.value)) > MAX_SHORT:
            problems.append(Problem(where, f"Keep it to {MAX_SHORT} characters.", False))
    return tuple(problems)


def wrong(metadata: CatalogMetadata) -> dict[str, str]:
    """Only what is given but wrong, keyed by modal block id (inline errors; missing fields may wait)."""
    errors: dict[str, str] = {}
    for problem in check(metadata):
        if not problem.missing:
            key = Field.SECONDARY if problem.field is Field.CATEGORIES else problem.field
            errors.setdefault(key.value, problem.message)
    return errors


def _normal(value: str, normalize: Callable[[str], str]) -> str:
    """A URL in its normal form; as typed when it is wrong (the checker then says why)."""
    try:
        return normalize(value) if value else value
    except ValueError:
        return value


def from_form(values: dict[str, object], existing: CatalogMetadata) -> CatalogMetadata:
    """Merge a metadata modal submission into what is stored: blank logo, mark and secrets keep their value;
    the website and pull request link are stored in their normal form."""
    text = {f: str(values.get(f.value) or "").strip() for f in Field}
    categories = tuple(c for c in (text[Field.PRIMARY], text[Field.SECONDARY]) if c and c != NO_CATEGORY)
    merged = replace(
        existing,
        name=text[Field.NAME],
        pr_url=_normal(text[Field.PR_URL], normalize_pr_url),
        description=text[Field.DESCRIPTION],
        website=_normal(text[Field.WEBSITE], normalize_website),
        categories=categories,
    )
    kept: dict[str, Any] = {f.value: text[f] for f in KEPT_WHEN_BLANK if text[f]}
    return replace(merged, **kept)
