"""A rendered email as a MIME message: multipart/alternative with From, To, Subject, Date and a stable Message-ID."""

from __future__ import annotations

import re
from datetime import datetime
from email.errors import MessageDefect
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from slackbot.domain.email import RenderedEmail, email_problem

DEFAULT_FROM = "Segment Developer Center <partner-support@segment.com>"
_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")


def message_id_for(outbox_id: int, domain: str) -> str:
    """The Message-ID of an outbox row's email: the same on every attempt, so a repeat is recognisable."""
    if isinstance(outbox_id, bool) or not isinstance(outbox_id, int) or outbox_id < 1:
        raise ValueError(f"an outbox id is a positive integer, not {outbox_id!r}")
    if not _DOMAIN.fullmatch(domain):
        raise ValueError(f"{domain!r} is not a domain name for a Message-ID")
    return f"<devcenter-outbox-{outbox_id}@{domain.lower()}>"


def sender_domain(sender: str) -> str:
    """The domain of a From address ('Dev Center <devcenter@segment.com>' -> 'segment.com')."""
    problem = mailbox_problem(sender)
    if problem:
        raise ValueError(f"DEVCENTER_EMAIL_FROM: {problem}")
    return address_of(sender).rpartition("@")[2].lower()


def address_of(mailbox: str) -> str:
    """The bare address of 'Name <address>' or of a bare address ('' when there is none)."""
    addresses, _ = _parsed(mailbox)
    return addresses[0].addr_spec if addresses else ""


def mailbox_problem(mailbox: str) -> str | None:
    """Why `mailbox` ('pat@acme.com' or 'Pat <pat@acme.com>') is not one good address, or None."""
    addresses, defects = _parsed(mailbox)
    if len(addresses) > 1:
        return "Give one address only."
    if defects or not addresses:
        return email_problem(mailbox) or "Write the address as pat@acme.com or Pat <pat@acme.com>."
    return email_problem(addresses[0].addr_spec)


def _parsed(mailbox: str) -> tuple[tuple[Address, ...], tuple[MessageDefect, ...]]:
    """The addresses of a To or From value, and what the parser found wrong with it."""
    header = SMTP.header_factory("To", mailbox)
    addresses: tuple[Address, ...] = getattr(header, "addresses", ())
    defects: tuple[MessageDefect, ...] = getattr(header, "defects", ())
    return addresses, defects


def compose(rendered: RenderedEmail, *, to: str, sender: str, message_id: str, now: datetime) -> EmailMessage:
    """One email: a text/plain part and a text/html part (multipart/alternative); ValueError on a bad address."""
    for role, mailbox in (("To", to), ("From", sender)):
        problem = mailbox_problem(mailbox)
        if problem:
            raise ValueError(f"{role} address: {problem}")
    if now.utcoffset() is None:
        raise ValueError("the Date of an email needs a timezone-aware datetime")
    if "\n" in rendered.subject or "\r" in rendered.subject:
        raise ValueError("an email subject is one line")
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: out-of-office robots should not answer
    message.set_content(rendered.text, cte="quoted-printable")
    message.add_alternative(rendered.html, subtype="html", cte="quoted-printable")
    return message
