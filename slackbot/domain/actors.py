"""Who is acting, resolved once per request (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """Who is acting: resolved once per request from the Slack user id."""

    user_id: str
    is_staff: bool
    partner_id: int | None
    is_external: bool = False


def operator(name: str) -> Actor:
    """Someone acting with staff rights outside Slack: the command line (`cli:<login>`) or a scheduled job."""
    return Actor(name, is_staff=True, partner_id=None)
