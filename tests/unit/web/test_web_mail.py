"""The web sandbox's mailbox: the emails the bot sent to partners, through its local SMTP server."""

from __future__ import annotations

from flask.testing import FlaskClient

from slackbot.emulator.text import buttons
from slackbot.emulator.web.sandbox import Sandbox

REVIEWS = "C0STAFF001"
STAFF = f"/u/sam.staff/c/{REVIEWS}"


def test_the_mailbox_shows_each_email_with_its_address_subject_and_text(client: FlaskClient, sandbox: Sandbox) -> None:
    empty = client.get("/u/sam.staff/mail").get_data(as_text=True)
    assert "No email sent yet" in empty and "📬 Mailbox" in empty

    card = next(m for m in sandbox.ws.messages if m.channel == REVIEWS and "acme-analytics" in m.text)
    index = [b.label for b in buttons(card.blocks)].index("Request replay info")
    pressed = client.post(
        "/u/sam.staff/press",
        data={"back": STAFF, "press": f"m:{REVIEWS}:{card.ts}|{index}|lifecycle.request_replay_info"},
    )
    assert pressed.status_code == 303

    html = client.get("/u/sam.staff/mail").get_data(as_text=True)
    assert '<dd class="mail-to">pat@acme.example.com</dd>' in html
    assert "Acme Analytics: how does your API handle replayed data?" in html
    assert "Hi Acme Analytics team," in html and "&lt;devcenter-outbox-" in html
    assert "No email sent yet" not in html
