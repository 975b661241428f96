"""A local SMTP server (aiosmtpd on 127.0.0.1, a free port) that keeps what it receives, with fault injection."""

from __future__ import annotations

import logging
import socket
import ssl
import threading
from collections.abc import Awaitable
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any, Literal
from urllib.parse import quote

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

HOST = "127.0.0.1"
TlsMode = Literal["starttls", "implicit"]


@dataclass(frozen=True)
class ReceivedMail:
    """One accepted message: the envelope, the parsed message, and whether it came over TLS and by whom."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage
    raw: bytes = field(repr=False)
    tls: bool = False
    login: str | None = None

    @property
    def subject(self) -> str:
        """The Subject header, decoded."""
        return str(self.message["Subject"] or "")

    @property
    def text(self) -> str:
        """The text/plain part ('' when there is none)."""
        return _part(self.message, "plain")

    @property
    def html(self) -> str:
        """The text/html part ('' when there is none)."""
        return _part(self.message, "html")


def _part(message: EmailMessage, subtype: str) -> str:
    body = message.get_body(preferencelist=(subtype,))
    return str(body.get_content()).replace("\r\n", "\n") if isinstance(body, EmailMessage) else ""


Fault = Literal["drop", "defer", "reject", "lose_answer"]


class _Handler:
    """aiosmtpd hooks: refuse or defer recipients, drop or reject DATA, keep the rest."""

    def __init__(self, server: LocalMailServer) -> None:
        self.server = server

    async def handle_RCPT(
        self, smtp: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        """Accept, defer (4xx) or refuse (5xx) one recipient."""
        if self.server.refuses(address):
            return f"550 5.1.1 <{address}>: recipient address rejected: no such user"
        if self.server.take_fault("defer"):
            return "451 4.7.1 Greylisted: please try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp: SMTP, session: Session, envelope: Envelope) -> str:
        """Keep the message, or drop the connection / refuse it when a fault says so."""
        if self.server.take_fault("drop") and smtp.transport is not None:
            smtp.transport.abort()  # type: ignore[attr-defined]  # the client never hears whether it was kept
            return "421 4.4.2 Connection dropped"
        if self.server.take_fault("reject"):
            return "554 5.6.0 Message refused"
        raw = bytes(envelope.original_content or b"")
        parsed = message_from_bytes(raw, policy=default)
        assert isinstance(parsed, EmailMessage)
        tls = smtp.transport is not None and smtp.transport.get_extra_info("sslcontext") is not None
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        self.server.keep(ReceivedMail(str(envelope.mail_from), tuple(envelope.rcpt_tos), parsed, raw, tls, login))
        if self.server.take_fault("lose_answer") and smtp.transport is not None:
            smtp.transport.abort()  # type: ignore[attr-defined]  # kept, but the client never hears so
            return "421 4.4.2 Connection dropped"
        return "250 2.0.0 OK: queued"


class _BoundController(Controller):
    """aiosmtpd's Controller on a socket bound beforehand, so port 0 works and the port is known."""

    def __init__(self, sock: socket.socket, handler: _Handler, **kwargs: Any) -> None:
        self.sock = sock
        super().__init__(handler, hostname=HOST, port=sock.getsockname()[1], **kwargs)

    def _create_server(self) -> Awaitable[Any]:
        return self.loop.create_server(self._factory_invoker, sock=self.sock, ssl=self.ssl_context)

    def factory(self) -> SMTP:
        """One SMTP session; on an implicit-TLS listener AUTH is allowed at once, the connection being encrypted."""
        smtp = SMTP(self.handler, **self.SMTP_kwargs)
        if self.ssl_context is not None:
            smtp._auth_require_tls = False  # aiosmtpd counts only STARTTLS as TLS (and warns when told otherwise)
        return smtp


class LocalMailServer:
    """A real SMTP server for tests and the sandboxes; `messages` is what it accepted, oldest first."""

    def __init__(self, *, tls: TlsMode | None = None, auth: tuple[str, str] | None = None) -> None:
        self.tls, self.auth = tls, auth
        self._lock = threading.Lock()
        self._pending: dict[Fault, int] = {"drop": 0, "defer": 0, "reject": 0, "lose_answer": 0}
        self._refused: set[str] = set()
        self._received: list[ReceivedMail] = []
        self._ca = trustme.CA() if tls else None
        self._controller: _BoundController | None = None
        self.port = 0

    def start(self) -> LocalMailServer:
        """Listen on 127.0.0.1 (a free port); returns once the server answers."""
        logging.getLogger("mail.log").setLevel(logging.ERROR)  # aiosmtpd logs message lines (DEBUG) and noise
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((HOST, 0))
        self.port = sock.getsockname()[1]
        self._controller = _BoundController(sock, _Handler(self), **self._smtp_options())
        self._controller.start()
        return self

    def stop(self) -> None:
        """Stop listening and close every connection."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> LocalMailServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """An SMTP_URL for this server (with its login, when it has one)."""
        scheme = "smtps" if self.tls == "implicit" else "smtp"
        login = f"{quote(self.auth[0], safe='')}:{quote(self.auth[1], safe='')}@" if self.auth else ""
        return f"{scheme}://{login}{HOST}:{self.port}"

    @property
    def messages(self) -> tuple[ReceivedMail, ...]:
        """Every accepted message, oldest first."""
        with self._lock:
            return tuple(self._received)

    def client_context(self) -> ssl.SSLContext:
        """A client TLS context that trusts this server's self-signed certificate (and nothing else)."""
        if self._ca is None:
            raise ValueError("this LocalMailServer has no TLS")
        context = ssl.create_default_context()
        self._ca.configure_trust(context)
        return context

    def drop_next(self, times: int = 1) -> None:
        """Drop the connection during DATA for the next `times` messages (they are not kept)."""
        self._add_fault("drop", times)

    def defer_next(self, times: int = 1) -> None:
        """Answer 451 to the next `times` recipients, then accept again."""
        self._add_fault("defer", times)

    def lose_answer_next(self, times: int = 1) -> None:
        """Keep the next `times` messages but drop the connection before answering 250 (the sender cannot know)."""
        self._add_fault("lose_answer", times)

    def reject_next(self, times: int = 1) -> None:
        """Refuse the next `times` messages with 554 after their data."""
        self._add_fault("reject", times)

    def refuse(self, address: str) -> None:
        """Refuse this recipient with 550 from now on."""
        with self._lock:
            self._refused.add(address.lower())

    def clear(self) -> None:
        """Forget the messages received so far."""
        with self._lock:
            self._received.clear()

    def refuses(self, address: str) -> bool:
        """Whether this recipient is refused (called by the server's own session)."""
        with self._lock:
            return address.lower() in self._refused

    def take_fault(self, fault: Fault) -> bool:
        """Use up one pending fault of this kind, if there is one (called by the server's own session)."""
        with self._lock:
            if not self._pending[fault]:
                return False
            self._pending[fault] -= 1
            return True

    def keep(self, mail: ReceivedMail) -> None:
        """Add an accepted message to `messages` (called by the server's own session)."""
        with self._lock:
            self._received.append(mail)

    def _add_fault(self, fault: Fault, times: int) -> None:
        with self._lock:
            self._pending[fault] += times

    def _smtp_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {"ready_timeout": 10.0}
        if self._ca is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self._ca.issue_cert(HOST, "localhost").configure_cert(context)
            options["ssl_context" if self.tls == "implicit" else "tls_context"] = context
        if self.auth is not None:
            options.update(authenticator=self._authenticate, auth_required=True)  # AUTH is offered over TLS only
        return options

    def _authenticate(self, smtp: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any) -> AuthResult:
        expected = self.auth
        ok = isinstance(data, LoginPassword) and expected is not None
        ok = ok and (data.login.decode(), data.password.decode()) == expected
        return AuthResult(success=ok, handled=False, auth_data=data if ok else None)
