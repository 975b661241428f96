"""Partner records: Slack ids and the import file's rules (stdlib only)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from slackbot.domain.email import email_problem
from slackbot.domain.errors import InvalidInput
from slackbot.domain.lifecycle import Stage
from slackbot.domain.reviews import slug_problem

SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
SLACK_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
HEADER = ["company", "integration", "slug", "stage", "channel", "users"]
OPTIONAL = ["email"]  # optional last column: the partner's contact address
PARTNER_STAGES = {Stage.ACCESS_REQUESTED, Stage.DECLINED}  # a partner at these stages has no integration yet


@dataclass(frozen=True)
class ImportRow:
    """One valid line of the import file."""

    line: int
    company: str
    integration: str
    slug: str
    stage: Stage
    channel: str | None
    users: tuple[str, ...]
    email: str | None = None


def parse_import(text: str) -> list[ImportRow]:
    """Parse and validate every row; raise InvalidInput listing every bad line (keyed 'line N')."""
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    if header not in (HEADER, HEADER + OPTIONAL):
        raise InvalidInput({"line 1": f"the header must be {','.join(HEADER)} (and optionally ,email)"})
    rows: list[ImportRow] = []
    errors: dict[str, str] = {}
    seen_slugs: dict[str, int] = {}
    for fields in reader:
        number = reader.line_num - sum(f.count("\n") for f in fields)  # where the record starts
        if not any(f.strip() for f in fields):
            continue
        problem, row = _parse_row(number, fields, len(header))
        if row and row.slug in seen_slugs:
            problem = f"slug {row.slug!r} already appears on line {seen_slugs[row.slug]}"
        if problem:
            errors[f"line {number}"] = problem
            continue
        assert row is not None
        if row.slug:
            seen_slugs[row.slug] = number
        rows.append(row)
    if errors:
        raise InvalidInput(errors)
    return rows


def _parse_row(number: int, fields: list[str], width: int) -> tuple[str | None, ImportRow | None]:
    if len(fields) != width:
        return f"expected {width} fields, found {len(fields)}", None
    company, integration, slug, stage_text, channel, users_text = (f.strip() for f in fields[: len(HEADER)])
    email = fields[len(HEADER)].strip() if width > len(HEADER) else ""
    if email and (problem := email_problem(email)):
        return f"email {email[:80]!r}: {problem}", None
    if not company:
        return "company is empty", None
    try:
        stage = Stage(stage_text)
    except ValueError:
        return f"unknown stage {stage_text!r} (one of: {', '.join(s.value for s in Stage)})", None
    if stage in PARTNER_STAGES:
        if integration or slug:
            return f"a partner at stage {stage} has no integration yet: leave integration and slug empty", None
    else:
        if not integration:
            return "integration name is empty", None
        if problem := slug_problem(slug):
            return f"slug {slug!r}: {problem}", None
    if channel and not SLACK_CHANNEL_ID.fullmatch(channel):
        return f"channel {channel!r} is not a Slack channel id (like C0123ABCD)", None
    users = tuple(users_text.split())
    if bad := [u for u in users if not SLACK_USER_ID.fullmatch(u)]:
        return f"not Slack user ids: {' '.join(bad)}", None
    return None, ImportRow(number, company, integration, slug, stage, channel or None, users, email or None)
