"""SMTP_URL parsing and the composed MIME message: headers, parts and a Message-ID that is the same on every try."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from email.utils import parsedate_to_datetime

import pytest

from slackbot.domain.email import RenderedEmail
from slackbot.email import DEFAULT_FROM, SmtpTarget, compose, message_id_for, parse_smtp_url, sender_domain

NOW = datetime(2026, 12, 1, 17, 30, tzinfo=UTC)
RENDERED = RenderedEmail(
    subject="Acme Analytics is in private beta — félicitations",
    text="Hi Acme team,\n\nAcme Analytics is in private beta.\n" + "A long line. " * 20 + "\n",
    html="<!DOCTYPE html><html><body><p>Hi Acme team,</p></body></html>\n",
)


def _composed(**overrides: object) -> EmailMessage:
    arguments: dict[str, object] = {
        "to": "pat@acme.com",
        "sender": DEFAULT_FROM,
        "message_id": message_id_for(42, "segment.com"),
        "now": NOW,
    }
    arguments.update(overrides)
    return compose(RENDERED, **arguments)  # type: ignore[arg-type]


def _sent(message: EmailMessage) -> EmailMessage:
    """The message as a receiving server parses it from the wire."""
    parsed = message_from_bytes(message.as_bytes(), policy=default)
    assert isinstance(parsed, EmailMessage)
    return parsed


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("smtp://mail.acme.example", SmtpTarget("mail.acme.example", 25)),
        ("smtps://mail.acme.example", SmtpTarget("mail.acme.example", 465, implicit_tls=True)),
        ("smtp://dev:hunter2@mail.acme.example:587", SmtpTarget("mail.acme.example", 587, "dev", "hunter2")),
        (
            "smtp://dev%40acme.example:p%3Ass%2Fw%40rd@mail:2525/",
            SmtpTarget("mail", 2525, "dev@acme.example", "p:ss/w@rd"),
        ),
        ("SMTPS://Mail.Acme.Example:1465", SmtpTarget("mail.acme.example", 1465, implicit_tls=True)),
        ("smtp://[::1]:2525", SmtpTarget("::1", 2525)),
    ],
)
def test_an_smtp_url_names_host_port_login_and_tls(url: str, target: SmtpTarget) -> None:
    assert parse_smtp_url(url) == target


@pytest.mark.parametrize(
    "url",
    [
        "",
        "mail.acme.example",
        "http://mail.acme.example",
        "smtp://",
        "smtp://dev:s3cret@mail.acme.example:0",
        "smtp://dev:s3cret@mail.acme.example:99999",
        "smtp://dev:s3cret@mail.acme.example:twenty-five",
        "smtp://dev:s3cret@mail.acme.example/inbox",
        "smtp://dev:s3cret@mail.acme.example?tls=1",
        "smtp://dev@mail.acme.example",
        "smtp://:s3cret@mail.acme.example",
        "smtp://dev:s3cret@[::1",
        "smtp://mail.acme.example :25",
    ],
)
def test_a_bad_smtp_url_is_refused_in_one_line_naming_the_variable_without_the_password(url: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_smtp_url(url)
    message = str(caught.value)
    assert message.startswith("SMTP_URL ") and "\n" not in message and "s3cret" not in message


def test_the_password_never_shows_in_repr_or_str() -> None:
    target = parse_smtp_url("smtps://dev:hunter2@mail.acme.example")
    assert "hunter2" not in repr(target) and "hunter2" not in str(target)
    assert str(target) == "smtps://dev@mail.acme.example:465"


def test_the_message_id_is_derived_from_the_outbox_row_and_stable() -> None:
    assert message_id_for(42, "segment.com") == "<devcenter-outbox-42@segment.com>"
    assert message_id_for(42, "Segment.com") == message_id_for(42, "segment.com") != message_id_for(43, "segment.com")


@pytest.mark.parametrize(
    ("outbox_id", "domain"),
    [(0, "segment.com"), (-1, "segment.com"), (True, "segment.com"), (1, ""), (1, "seg ment.com"), (1, "a@b")],
)
def test_a_message_id_needs_a_positive_row_id_and_a_plain_domain(outbox_id: int, domain: str) -> None:
    with pytest.raises(ValueError):
        message_id_for(outbox_id, domain)


def test_the_default_sender_is_the_partner_support_address() -> None:
    assert sender_domain(DEFAULT_FROM) == "segment.com"
    assert "partner-support@segment.com" in DEFAULT_FROM


def test_a_bad_sender_address_is_refused_naming_the_variable() -> None:
    with pytest.raises(ValueError, match="DEVCENTER_EMAIL_FROM"):
        sender_domain("Dev Center <devcenter>")


def test_a_composed_email_has_every_header_the_acceptance_asks_for() -> None:
    message = _sent(_composed())
    assert message["From"] == DEFAULT_FROM
    assert message["To"] == "pat@acme.com"
    assert message["Subject"] == RENDERED.subject
    assert message["Message-ID"] == "<devcenter-outbox-42@segment.com>"
    assert parsedate_to_datetime(str(message["Date"])) == NOW
    assert message["Auto-Submitted"] == "auto-generated"


def test_a_composed_email_is_multipart_alternative_with_text_first_then_html() -> None:
    message = _sent(_composed())
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert isinstance(parts[0], EmailMessage) and isinstance(parts[1], EmailMessage)
    assert parts[0].get_content().replace("\r\n", "\n") == RENDERED.text
    assert parts[1].get_content().replace("\r\n", "\n") == RENDERED.html


def test_the_wire_form_is_seven_bit_with_crlf_line_ends_and_short_lines() -> None:
    wire = _composed().as_bytes()
    assert wire.isascii()
    assert b"\n" not in wire.replace(b"\r\n", b"")
    assert max(len(line) for line in wire.split(b"\r\n")) <= 998


@pytest.mark.parametrize(
    "to",
    [
        "",
        "pat",
        "Pat <pat@acme>",
        "pat@acme.com, eve@evil.example",
        "a@acme.com <b@acme.com>",
        "pat@acme.com\r\nBcc: eve@evil.example",
    ],
)
def test_a_bad_recipient_is_refused_before_anything_is_sent(to: str) -> None:
    with pytest.raises(ValueError, match="To address"):
        _composed(to=to)


def test_a_named_recipient_is_fine() -> None:
    assert _sent(_composed(to="Pat Smith <pat@acme.com>"))["To"] == "Pat Smith <pat@acme.com>"


def test_the_date_needs_a_timezone() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        _composed(now=datetime(2026, 12, 1, 17, 30))


def test_a_subject_with_a_line_break_is_refused() -> None:
    with pytest.raises(ValueError, match="one line"):
        compose(
            RenderedEmail("Hi\nBcc: eve@evil.example", "t", "h"),
            to="pat@acme.com",
            sender=DEFAULT_FROM,
            message_id=message_id_for(1, "segment.com"),
            now=NOW,
        )
