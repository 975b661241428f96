"""The emulator's mailbox: what the bot's emails look like to the partner (console `:mail`, the web sandbox)."""

from __future__ import annotations

from dataclasses import dataclass

from slackbot.emulator.mail import LocalMailServer, ReceivedMail


@dataclass(frozen=True)
class MailItem:
    """One email as a mailbox lists it."""

    number: int  # 1 = the oldest
    to: str
    subject: str
    date: str
    message_id: str
    text: str


def mailbox(mail: LocalMailServer | None) -> list[MailItem]:
    """Every email the local mail server accepted, oldest first (none without a mail server)."""
    return [_item(n, received) for n, received in enumerate(mail.messages if mail else (), start=1)]


def _item(number: int, received: ReceivedMail) -> MailItem:
    header = received.message
    return MailItem(
        number, str(header["To"] or ""), received.subject, str(header["Date"] or ""),
        str(header["Message-ID"] or ""), received.text,
    )  # fmt: skip


def mailbox_lines(mail: LocalMailServer | None, which: str = "") -> list[str]:
    """`:mail` lists every email (number, to, subject); `:mail N` shows email N in full (`:mail last`: the newest)."""
    items = mailbox(mail)
    if mail is None:
        return ["email is off in this sandbox (no SMTP_URL)"]
    if not items:
        return ["no email sent yet (partner emails go to the local mail server at " + mail.url + ")"]
    if not which:
        lines = [f"  [{i.number}] to {i.to} · {i.subject}" for i in items]
        return [f"{len(items)} email(s) sent; `:mail N` shows one in full:", *lines]
    chosen = items[-1] if which == "last" else next((i for i in items if str(i.number) == which), None)
    if chosen is None:
        raise ValueError(f"no email [{which}]: 1 to {len(items)}, or last")
    head = [
        f"To: {chosen.to}",
        f"Subject: {chosen.subject}",
        f"Date: {chosen.date}",
        f"Message-ID: {chosen.message_id}",
    ]
    return [*head, "", *chosen.text.rstrip().splitlines()]
