"""SmtpSender against a real SMTP server on 127.0.0.1: accepted, dropped, deferred, refused, over TLS, with AUTH."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

import pytest

from slackbot.domain.email import EmailKind, PrivateBetaFacts
from slackbot.email import (
    DEFAULT_FROM,
    PermanentFailure,
    SmtpSender,
    TemporaryFailure,
    compose,
    message_id_for,
    parse_smtp_url,
)
from slackbot.emulator.mail import LocalMailServer, TlsMode
from slackbot.render.email import render_email

NOW = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)
PAT = "pat@acme.example"
LOGIN = ("devcenter", "correct horse: battery@staple")
FACTS = PrivateBetaFacts(
    partner_name="Acme",
    timezone="America/Los_Angeles",
    slack_channel="acme-devcenter",
    integration_name="Acme Analytics",
    slug="acme-analytics",
    private_beta_url="https://app.segment.com/goto-my-workspace/destinations/catalog/acme-analytics",
    release_date=NOW.date(),
)


def email(outbox_id: int = 42, to: str = PAT) -> EmailMessage:
    """The private-beta email of outbox row `outbox_id`."""
    rendered = render_email(EmailKind.PRIVATE_BETA, FACTS)
    return compose(rendered, to=to, sender=DEFAULT_FROM, message_id=message_id_for(outbox_id, "segment.com"), now=NOW)


def sender_for(server: LocalMailServer, *, trusted: bool = True, timeout: float = 5.0) -> SmtpSender:
    """An SmtpSender configured from the server's SMTP_URL, trusting its certificate unless told not to."""
    context = server.client_context() if server.tls and trusted else None
    return SmtpSender(parse_smtp_url(server.url), timeout=timeout, ssl_context=context, local_hostname="bot.test")


@pytest.fixture
def server() -> Iterator[LocalMailServer]:
    with LocalMailServer() as running:
        yield running


def test_an_accepted_email_arrives_once_with_every_header_and_both_parts(server: LocalMailServer) -> None:
    sender_for(server).send(email())
    [mail] = server.messages
    assert mail.mail_from == "partner-support@segment.com" and mail.rcpt_tos == (PAT,)
    assert mail.message["From"] == DEFAULT_FROM and mail.message["To"] == PAT
    assert mail.subject == "Acme Analytics is in private beta"
    assert mail.message["Message-ID"] == "<devcenter-outbox-42@segment.com>"
    assert parsedate_to_datetime(str(mail.message["Date"])) == NOW
    assert mail.message.get_content_type() == "multipart/alternative"
    assert "catalog/acme-analytics" in mail.text and 'href="https://app.segment.com/' in mail.html
    assert not mail.tls and mail.login is None


def test_a_connection_dropped_during_data_is_temporary_and_may_have_been_sent(server: LocalMailServer) -> None:
    server.drop_next()
    with pytest.raises(TemporaryFailure) as caught:
        sender_for(server).send(email())
    assert caught.value.maybe_sent and "closed the connection" in str(caught.value)
    assert server.messages == ()


def test_a_retry_after_a_drop_carries_the_same_message_id(server: LocalMailServer) -> None:
    server.drop_next()
    sender = sender_for(server)
    with pytest.raises(TemporaryFailure):
        sender.send(email(outbox_id=7))
    sender.send(email(outbox_id=7))
    assert [m.message["Message-ID"] for m in server.messages] == ["<devcenter-outbox-7@segment.com>"]


def test_a_greylisting_server_defers_once_and_takes_the_next_attempt(server: LocalMailServer) -> None:
    server.defer_next()
    sender = sender_for(server)
    with pytest.raises(TemporaryFailure) as caught:
        sender.send(email())
    assert caught.value.code == 451 and not caught.value.maybe_sent
    assert server.messages == ()
    sender.send(email())
    assert len(server.messages) == 1


def test_a_refused_address_is_permanent_and_names_the_address(server: LocalMailServer) -> None:
    server.refuse("nobody@acme.example")
    with pytest.raises(PermanentFailure) as caught:
        sender_for(server).send(email(to="nobody@acme.example"))
    assert caught.value.address_refused and caught.value.code == 550
    assert "nobody@acme.example" in str(caught.value)
    assert server.messages == ()


def test_a_refused_message_is_permanent_but_not_the_addresss_fault(server: LocalMailServer) -> None:
    server.reject_next()
    with pytest.raises(PermanentFailure) as caught:
        sender_for(server).send(email())
    assert caught.value.code == 554 and not caught.value.address_refused


def test_a_stopped_server_is_a_temporary_failure(server: LocalMailServer) -> None:
    sender = sender_for(server)
    server.stop()
    with pytest.raises(TemporaryFailure, match="connection refused") as caught:
        sender.send(email())
    assert not caught.value.maybe_sent


def test_a_server_that_never_greets_times_out_as_a_temporary_failure() -> None:
    with socket.socket() as silent:  # listens, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        target = parse_smtp_url(f"smtp://127.0.0.1:{silent.getsockname()[1]}")
        with pytest.raises(TemporaryFailure, match="no answer in time"):
            SmtpSender(target, timeout=0.2, local_hostname="bot.test").send(email())


@pytest.mark.parametrize("tls", ["starttls", "implicit"])
def test_tls_is_used_when_the_server_offers_it(tls: TlsMode) -> None:
    with LocalMailServer(tls=tls) as server:
        sender_for(server).send(email())
        [mail] = server.messages
    assert mail.tls and mail.subject == "Acme Analytics is in private beta"


@pytest.mark.parametrize("tls", ["starttls", "implicit"])
def test_an_untrusted_certificate_is_temporary_and_nothing_goes_out_in_plain_text(tls: TlsMode) -> None:
    with LocalMailServer(tls=tls) as server:
        with pytest.raises(TemporaryFailure, match="TLS failed") as caught:
            sender_for(server, trusted=False).send(email())
        assert server.messages == () and not caught.value.maybe_sent


@pytest.mark.parametrize("tls", ["starttls", "implicit"])
def test_a_login_from_smtp_url_is_used_over_tls(tls: TlsMode) -> None:
    with LocalMailServer(tls=tls, auth=LOGIN) as server:
        sender_for(server).send(email())
        [mail] = server.messages
    assert mail.tls and mail.login == "devcenter"


def test_a_wrong_password_is_temporary_and_never_repeated(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with LocalMailServer(tls="starttls", auth=LOGIN) as server:
        target = parse_smtp_url(server.url.replace("battery", "wrong"))
        sender = SmtpSender(target, timeout=5, ssl_context=server.client_context(), local_hostname="bot.test")
        with pytest.raises(TemporaryFailure, match="refused the login") as caught:
            sender.send(email())
        assert server.messages == ()
    assert caught.value.code == 535
    assert "wrong" not in str(caught.value) and "wrong" not in caplog.text


def test_a_password_is_never_sent_to_a_server_without_tls() -> None:
    with LocalMailServer(auth=LOGIN) as server:
        with pytest.raises(TemporaryFailure, match="offers no TLS") as caught:
            sender_for(server).send(email())
        assert server.messages == ()
    assert LOGIN[1] not in str(caught.value)


def test_a_server_requiring_auth_refuses_a_sender_without_a_login() -> None:
    with LocalMailServer(tls="starttls", auth=LOGIN) as server:
        target = parse_smtp_url(f"smtp://127.0.0.1:{server.port}")
        sender = SmtpSender(target, timeout=5, ssl_context=server.client_context(), local_hostname="bot.test")
        with pytest.raises(TemporaryFailure, match="refused the sender") as caught:
            sender.send(email())
    assert caught.value.code == 530


def test_no_password_and_no_body_appear_in_any_log_line(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with LocalMailServer(tls="starttls", auth=LOGIN) as server:
        sender_for(server).send(email())
        assert len(server.messages) == 1
    assert "<devcenter-outbox-42@segment.com>" in caplog.text  # the delivery is logged …
    assert LOGIN[1] not in caplog.text and "private-beta URL" not in caplog.text  # … without secrets or body


def test_the_client_context_trusts_only_the_servers_own_certificate() -> None:
    with LocalMailServer(tls="starttls") as first, LocalMailServer(tls="starttls") as second:
        crossed = SmtpSender(parse_smtp_url(second.url), timeout=5, ssl_context=first.client_context())
        with pytest.raises(TemporaryFailure, match="TLS failed"):
            crossed.send(email())
    with LocalMailServer() as plain, pytest.raises(ValueError, match="no TLS"):
        plain.client_context()


def test_faults_are_used_up_one_attempt_at_a_time_and_clear_forgets_the_mailbox(server: LocalMailServer) -> None:
    server.defer_next(2)
    sender = sender_for(server)
    for _ in range(2):
        with pytest.raises(TemporaryFailure):
            sender.send(email())
    sender.send(email())
    sender.send(email(outbox_id=43))
    assert [m.message["Message-ID"] for m in server.messages] == [
        "<devcenter-outbox-42@segment.com>",
        "<devcenter-outbox-43@segment.com>",
    ]
    server.clear()
    assert server.messages == ()
