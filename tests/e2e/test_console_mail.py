"""`:mail` in the console sandbox: the emails the bot sent, over real SMTP, to the sandbox's local mail server."""

from __future__ import annotations

import io
from pathlib import Path

from slackbot.emulator.console import run_console


def _run(script: str, tmp_path: Path) -> str:
    out = io.StringIO()
    assert run_console(io.StringIO(script), out, database=tmp_path / "console.db") == 0
    return out.getvalue()


def test_mail_lists_the_emails_and_shows_one_in_full(tmp_path: Path) -> None:
    output = _run(":mail\n:as staff\n:click! Request replay info\n:mail\n:mail last\n:mail 9\n", tmp_path)

    before, after = output.split("you are now @sam.staff")
    assert "no email sent yet" in before
    assert "1 email(s) sent" in after
    assert "[1] to pat@acme.example.com · Acme Analytics: how does your API handle replayed data?" in after
    assert "Message-ID: <devcenter-outbox-" in after and "Hi Acme Analytics team," in after
    assert "partner-support@segment.com" in after.split("Message-ID:", 1)[1]
    assert "! no email [9]: 1 to 1, or last" in after
