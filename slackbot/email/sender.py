"""SmtpSender: hands one email to the SMTP server and says whether to try again (no secret in any log or error)."""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import getaddresses

from slackbot.email.compose import address_of
from slackbot.email.target import SmtpTarget

log = logging.getLogger(__name__)

REPLY_LIMIT = 200


class DeliveryFailure(Exception):
    """An email was not delivered; the text is safe to log and to show to staff."""

    def __init__(self, reason: str, *, code: int | None = None) -> None:
        super().__init__(reason)
        self.code = code


class TemporaryFailure(DeliveryFailure):
    """Try again later: a 4xx answer, a dropped connection, a timeout, TLS or login trouble, a refused sender.

    `maybe_sent` is True when the connection failed after the message itself was handed over: the server may have
    it, and a retry (with the same Message-ID) may arrive twice.
    """

    def __init__(self, reason: str, *, code: int | None = None, maybe_sent: bool = False) -> None:
        super().__init__(reason, code=code)
        self.maybe_sent = maybe_sent


class PermanentFailure(DeliveryFailure):
    """The server refused the message or its recipient for good (5xx); `address_refused` says it was the address."""

    def __init__(self, reason: str, *, code: int | None = None, address_refused: bool = False) -> None:
        super().__init__(reason, code=code)
        self.address_refused = address_refused


def _reply(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    text = " ".join(text.split())
    return f"{code} {text[:REPLY_LIMIT]}".strip()


class _Progress:
    """How far one attempt got: after the message data was handed over, a failure leaves the outcome unknown."""

    data_sent = False


class SmtpSender:
    """Sends composed emails with smtplib: implicit TLS or STARTTLS when offered, AUTH only over TLS."""

    def __init__(
        self,
        target: SmtpTarget,
        *,
        timeout: float,
        ssl_context: ssl.SSLContext | None = None,
        local_hostname: str | None = None,
    ) -> None:
        self.target, self.timeout, self.local_hostname = target, timeout, local_hostname
        self.ssl_context = ssl_context or ssl.create_default_context()

    def send(self, message: EmailMessage) -> None:
        """Deliver one message to its To addresses; raise TemporaryFailure or PermanentFailure when it was not."""
        sender = address_of(str(message["From"]))
        recipients = [address for _, address in getaddresses([str(to) for to in message.get_all("To", [])])]
        payload = message.as_bytes(policy=SMTP)
        progress = _Progress()
        try:
            smtp = self._connect()
        except (smtplib.SMTPException, OSError) as exc:
            raise _temporary(self.target, exc) from None
        try:
            self._secure(smtp)
            self._login(smtp)
            self._transfer(smtp, sender, recipients, payload, progress)
        except DeliveryFailure:
            raise
        except (smtplib.SMTPException, OSError) as exc:
            raise _temporary(self.target, exc, maybe_sent=progress.data_sent) from None
        finally:
            _quit(smtp)
        log.info("email %s accepted by %s", message["Message-ID"], self.target)

    def _connect(self) -> smtplib.SMTP:
        host, port = self.target.host, self.target.port
        if self.target.implicit_tls:
            return smtplib.SMTP_SSL(host, port, self.local_hostname, timeout=self.timeout, context=self.ssl_context)
        return smtplib.SMTP(host, port, self.local_hostname, timeout=self.timeout)

    def _secure(self, smtp: smtplib.SMTP) -> None:
        smtp.ehlo_or_helo_if_needed()
        if not self.target.implicit_tls and smtp.has_extn("starttls"):
            smtp.starttls(context=self.ssl_context)
            smtp.ehlo_or_helo_if_needed()

    def _login(self, smtp: smtplib.SMTP) -> None:
        if not self.target.user:
            return
        if not isinstance(smtp.sock, ssl.SSLSocket):
            raise TemporaryFailure(f"{self.target} offers no TLS, and SMTP_URL's password is only sent encrypted")
        try:
            smtp.login(self.target.user, self.target.password or "")
        except smtplib.SMTPAuthenticationError as exc:  # the server's words are left out: they may echo the login
            raise TemporaryFailure(f"{self.target} refused the login in SMTP_URL", code=exc.smtp_code) from None
        except smtplib.SMTPNotSupportedError:
            raise TemporaryFailure(f"{self.target} offers no login (AUTH), but SMTP_URL has a user") from None

    def _transfer(
        self, smtp: smtplib.SMTP, sender: str, recipients: list[str], payload: bytes, progress: _Progress
    ) -> None:
        if not recipients:
            raise PermanentFailure("the message has no To address")
        code, reply = smtp.mail(sender)
        if code != 250:
            raise TemporaryFailure(f"{self.target} refused the sender {sender}: {_reply(code, reply)}", code=code)
        refused: dict[str, tuple[int, bytes]] = {}
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                refused[recipient] = (code, reply)
        if refused:
            raise _refused(refused)
        progress.data_sent = True  # from here on, a dropped connection leaves the outcome unknown
        _hand_over(smtp, payload)


def _hand_over(smtp: smtplib.SMTP, payload: bytes) -> None:
    """DATA: the message itself, and the server's verdict on it."""
    answer: bytes | str
    try:
        code, answer = smtp.data(payload)
    except smtplib.SMTPDataError as exc:  # DATA itself was refused: the message was not handed over
        code, answer = exc.smtp_code, exc.smtp_error
    if code >= 500:
        raise PermanentFailure(f"the server refused the message: {_reply(code, answer)}", code=code)
    if code != 250:
        raise TemporaryFailure(f"the server deferred the message: {_reply(code, answer)}", code=code)


def _refused(refused: dict[str, tuple[int, bytes]]) -> DeliveryFailure:
    text = "; ".join(f"{address}: {_reply(code, reply)}" for address, (code, reply) in refused.items())
    codes = [code for code, _ in refused.values()]
    if min(codes) >= 500:
        return PermanentFailure(f"the server refused the address: {text}", code=max(codes), address_refused=True)
    return TemporaryFailure(f"the server deferred the address: {text}", code=min(codes))


def _temporary(target: SmtpTarget, exc: Exception, *, maybe_sent: bool = False) -> TemporaryFailure:
    """A failure worth retrying, described without the server's secrets or the message."""
    code = exc.smtp_code if isinstance(exc, smtplib.SMTPResponseException) else None
    return TemporaryFailure(f"SMTP {target}: {_describe(exc)}", code=code, maybe_sent=maybe_sent)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(exc.__context__, OSError):
        return _describe(exc.__context__)  # smtplib turns a timeout or reset while reading into "disconnected"
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc.smtp_code, exc.smtp_error)
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed ({exc.reason or type(exc).__name__})"
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionError):
        return "the server closed the connection"
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return f"{type(exc).__name__}: {exc}"


def _quit(smtp: smtplib.SMTP) -> None:
    """Say goodbye when the server still listens; the outcome is already known."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()
