"""Free text people type (staff reasons, partner answers, announcements): length rules (stdlib only)."""

from __future__ import annotations

from slackbot.domain.errors import InvalidInput

MAX_NOTE = 2000


def parse_note(text: str | None, field: str = "note", *, required: bool = True) -> str | None:
    """A staff reason or a partner answer: required unless said otherwise, at most 2000 characters."""
    note = (text or "").strip()
    if required and not note:
        raise InvalidInput({field: "Please write a few words."})
    if len(note) > MAX_NOTE:
        raise InvalidInput({field: f"Keep it under {MAX_NOTE} characters."})
    return note or None
