"""Email outbox rows delivered over SMTP: rendered and composed at delivery, with a Message-ID from the row."""

from __future__ import annotations

import logging

from slackbot.domain.messages import load_payload
from slackbot.domain.messages.email import EMAIL_CHANNEL, PartnerEmail
from slackbot.email.compose import compose, message_id_for, sender_domain
from slackbot.email.sender import PermanentFailure, SmtpSender, TemporaryFailure
from slackbot.program import Program
from slackbot.render.email import render_email
from slackbot.services.cards import show_email_refusal
from slackbot.services.outbox import RetryLater, Skipped, Undeliverable
from storage.repositories.outbox import ClaimedMessage

log = logging.getLogger(__name__)
EMAIL_OFF = "email is off: SMTP_URL is not set"


class EmailSender:
    """Implements services.outbox.Sender for partner email rows (SMTP_URL unset: every row is skipped, kept)."""

    def __init__(self, program: Program, smtp: SmtpSender | None, sender: str) -> None:
        self.program, self.smtp, self.sender = program, smtp, sender
        self.domain = sender_domain(sender)

    def send(self, message: ClaimedMessage) -> tuple[str, str]:
        """Render, compose and hand over one email; the same Message-ID on every attempt of the row."""
        email = _payload(message)
        if self.smtp is None:
            raise Skipped(EMAIL_OFF)
        try:
            rendered = render_email(email.email, email.typed_facts())
            message_id = message_id_for(message.id, self.domain)
            composed = compose(rendered, to=email.to, sender=self.sender, message_id=message_id, now=self.program.now())
        except ValueError as error:
            raise Undeliverable(f"email #{message.id} cannot be composed: {error}") from None
        try:
            self.smtp.send(composed)
        except TemporaryFailure as failure:
            raise RetryLater(str(failure), maybe_sent=failure.maybe_sent) from None
        except PermanentFailure as failure:
            if failure.address_refused:
                show_email_refusal(self.program, email.partner_id, email.to, str(failure))
            raise Undeliverable(str(failure)) from None
        return EMAIL_CHANNEL, str(message.id)

    def find_sent(self, message: ClaimedMessage) -> tuple[str, str] | None:
        """SMTP cannot be asked whether a message arrived: after a lost answer it is sent again, same Message-ID."""
        return None


def _payload(message: ClaimedMessage) -> PartnerEmail:
    try:
        payload = load_payload(message.kind, message.payload)
    except (ValueError, KeyError) as error:
        raise Undeliverable(f"payload does not fit {message.kind}: {error}") from None
    if not isinstance(payload, PartnerEmail):
        raise Undeliverable(f"{message.kind} is not an email")
    return payload
