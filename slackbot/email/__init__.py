"""SMTP delivery of partner emails: SMTP_URL, composing a MIME message, handing it to the server."""

from slackbot.email.compose import DEFAULT_FROM, address_of, compose, message_id_for, sender_domain
from slackbot.email.sender import DeliveryFailure, PermanentFailure, SmtpSender, TemporaryFailure
from slackbot.email.target import SmtpTarget, parse_smtp_url

__all__ = [
    "DEFAULT_FROM",
    "DeliveryFailure",
    "PermanentFailure",
    "SmtpSender",
    "SmtpTarget",
    "TemporaryFailure",
    "address_of",
    "compose",
    "message_id_for",
    "parse_smtp_url",
    "sender_domain",
]
