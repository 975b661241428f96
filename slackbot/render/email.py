"""Partner emails: facts -> subject, plain text and HTML (Jinja2 templates; HTML autoescaped; no Slack markup)."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from slackbot.domain.email import FACTS, EmailFacts, EmailKind, RenderedEmail

__all__ = ["RenderedEmail", "render_email", "unslack", "when"]

SUPPORT_EMAIL = "partner-support@segment.com"
SUBJECTS = {
    EmailKind.WELCOME: "Welcome to the Segment Developer Center, {partner_name}",
    EmailKind.SUBMISSION_ACK: "We received {integration_name} for review",
    EmailKind.REPLAY_INFO_REQUEST: "{integration_name}: how does your API handle replayed data?",
    EmailKind.OAUTH_REQUEST: "{integration_name}: please add Enable with Segment (OAuth)",
    EmailKind.PRIVATE_BETA: "{integration_name} is in private beta",
    EmailKind.PUBLIC_BETA_APPROVED: "{integration_name} is approved for public beta",
    EmailKind.PUBLIC_APPROVED: "{integration_name} is now public in the Segment catalog",
    EmailKind.CHANGES_REQUESTED: "{integration_name}: changes requested in review",
}
SUBJECT_FIELD_LIMIT = 80

# Slack markup a person may have typed (or pasted) into a field that an email shows:
# https://docs.slack.dev/messaging/formatting-message-text
_LABELLED_LINK = re.compile(r"<(?![@#!])([^<>|\s]+)\|([^<>]*)>")
_BARE_LINK = re.compile(r"<(?![@#!])([A-Za-z][A-Za-z0-9+.-]*:[^<>|\s]*)>")
_USER = re.compile(r"<@[A-Z0-9]+(?:\|([^<>]*))?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^<>]*))?>")
_SPECIAL = re.compile(r"<!([a-z]+)(?:\^[^<>|]*)?(?:\|([^<>]*))?>")
_EMPHASIS = [re.compile(rf"(?<![\w{m}])\{m}(?=\S)([^{m}\n]+?)(?<=\S)\{m}(?![\w{m}])") for m in "*_~"]


def unslack(text: str) -> str:
    """Slack markup turned into plain words: links show their address, mentions lose their brackets."""
    text = _LABELLED_LINK.sub(lambda m: f"{m[2]} ({m[1]})" if m[2].strip() else m[1], text)
    text = _BARE_LINK.sub(lambda m: m[1], text)
    text = _USER.sub(lambda m: "@" + m[1].lstrip("@") if m[1] else "someone in Slack", text)
    text = _CHANNEL.sub(lambda m: "#" + m[1].lstrip("#") if m[1] else "a Slack channel", text)
    text = _SPECIAL.sub(lambda m: m[2] or "@" + m[1], text)
    for emphasis in _EMPHASIS:
        text = emphasis.sub(lambda m: m[1], text)
    return text


def when(moment: datetime, timezone: str) -> str:
    """A date and time as a person reads it in the program's timezone, e.g. 'Tue Dec 1, 5:00 PM PST'."""
    local = moment.astimezone(ZoneInfo(timezone))
    hour = local.hour % 12 or 12
    return f"{local:%a %b} {local.day}, {hour}:{local:%M %p} {local.tzname()}"


def day(value: date) -> str:
    """A release day as people say it: 'Wednesday Dec 2'."""
    return f"{value:%A %b} {value.day}"


def zone_label(timezone: str) -> str:
    """The program's timezone in words: 'America/Los_Angeles' -> 'Los Angeles time'."""
    return timezone.rsplit("/", 1)[-1].replace("_", " ") + " time"


def is_web_url(value: object) -> bool:
    """Whether `value` may be an HTML link target (http and https only)."""
    return isinstance(value, str) and re.fullmatch(r"https?://[^\s<>\"']+", value) is not None


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("slackbot.render", "templates/email"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.tests["web_url"] = is_web_url
    return environment


def _context(facts: EmailFacts) -> dict[str, object]:
    """Every fact, with text cleaned of Slack markup and dates spelled out in the program's timezone."""
    context: dict[str, object] = {}
    for field in fields(facts):
        value = getattr(facts, field.name)
        if isinstance(value, str):
            value = unslack(value).strip()
        elif isinstance(value, datetime):
            value = when(value, facts.timezone)
        elif isinstance(value, date):
            value = day(value)
        context[field.name] = value
    channel = context.get("slack_channel")
    context.update(
        slack_channel=channel.lstrip("#") if isinstance(channel, str) and channel.strip("# ") else None,
        zone=zone_label(facts.timezone),
        support_email=SUPPORT_EMAIL,
    )
    return context


def _one_line(value: object) -> str:
    """A fact as it may appear in a subject: one line, clipped."""
    words = " ".join(str(value).split())
    return words if len(words) <= SUBJECT_FIELD_LIMIT else words[: SUBJECT_FIELD_LIMIT - 1] + "…"


def _subject(kind: EmailKind, context: dict[str, object]) -> str:
    names = ("partner_name", "integration_name")
    return SUBJECTS[kind].format(**{name: _one_line(context.get(name, "")) for name in names})


def render_email(kind: EmailKind, facts: EmailFacts) -> RenderedEmail:
    """The subject, plain-text body and HTML body of one partner email."""
    kind = EmailKind(kind)
    if type(facts) is not FACTS[kind]:
        raise ValueError(f"a {kind} email needs {FACTS[kind].__name__}, not {type(facts).__name__}")
    context = _context(facts)
    subject = _subject(kind, context)
    environment = _environment()
    text = environment.get_template(f"{kind}.txt").render(context)
    html = environment.get_template(f"{kind}.html").render({**context, "subject": subject})
    return RenderedEmail(subject=subject, text=text, html=html)
