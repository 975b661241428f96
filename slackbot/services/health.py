"""Use cases: is the bot healthy (GET /healthz), and how does its outbox stand (the gauges of /metrics)?"""

from __future__ import annotations

from dataclasses import dataclass

from slackbot.program import Program


def database_ok(program: Program) -> bool:
    """True when the database answers."""
    try:
        with program.uow() as uow:
            uow.partners.get(0)
        return True
    except Exception:
        return False


@dataclass(frozen=True)
class OutboxFigures:
    """Outbox messages per status, and how long the oldest one still owed has waited (0 when none is)."""

    counts: dict[str, int]
    oldest_pending_seconds: float


def outbox_figures(program: Program) -> OutboxFigures:
    """Read from the outbox table (two aggregate queries), so every process answering a scrape agrees."""
    now = program.now()
    with program.uow() as uow:
        counts = {str(status): count for status, count in uow.outbox.counts().items()}
        oldest = uow.outbox.oldest_undelivered_at()
    waited = (now - oldest).total_seconds() if oldest is not None else 0.0
    return OutboxFigures(counts, max(waited, 0.0))
