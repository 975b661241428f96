"""SMTP_URL: where email goes, parsed and checked once (the password never appears in a repr or a message)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}


@dataclass(frozen=True)
class SmtpTarget:
    """An SMTP server: implicit TLS (`smtps://`) or STARTTLS whenever the server offers it (`smtp://`)."""

    host: str
    port: int
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    implicit_tls: bool = False

    def __str__(self) -> str:
        scheme = "smtps" if self.implicit_tls else "smtp"
        user = f"{self.user}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{user}{host}:{self.port}"


def parse_smtp_url(url: str) -> SmtpTarget:
    """`smtp://[user:password@]host[:port]` or `smtps://…`; ValueError with a one-line message naming SMTP_URL."""
    if not url or any(c.isspace() for c in url):
        raise ValueError("SMTP_URL must be a URL like smtp://user:password@mail.example.com:587 (no spaces)")
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in DEFAULT_PORTS or not rest:
        raise ValueError("SMTP_URL must start with smtp:// (STARTTLS when offered) or smtps:// (implicit TLS)")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ValueError("SMTP_URL has a bad host or port: smtp://[user:password@]host[:port], port 1-65535") from None
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError("SMTP_URL takes no path, query or fragment: smtp://[user:password@]host[:port]")
    if not parts.hostname:
        raise ValueError("SMTP_URL has no host: smtp://[user:password@]host[:port]")
    if port == 0:
        raise ValueError("SMTP_URL has port 0: use a port from 1 to 65535, or none for the default")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    if user and not password:
        raise ValueError("SMTP_URL has a user but no password: smtp://user:password@host (percent-encode : @ /)")
    if password and not user:
        raise ValueError("SMTP_URL has a password but no user: smtp://user:password@host")
    implicit_tls = scheme.lower() == "smtps"
    return SmtpTarget(parts.hostname, port or DEFAULT_PORTS[scheme.lower()], user, password, implicit_tls=implicit_tls)
